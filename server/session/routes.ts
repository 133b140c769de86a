import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Repositories } from '../../db/index.js';
import { signedInAccount } from '../account/current-account.js';
import { EmptyBody, ErrorReply } from '../http-schemas.js';
import { BINDING_COOKIE } from './browser-binding.js';
import { SessionReply, SignedOutEverywhereReply, SignedOutReply } from './schemas.js';

export const sessionRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, opts) => {
  app.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Who is signed in, how, and at which assurance',
        response: { 200: SessionReply },
      },
      config: { assurance: 'anyone' },
    },
    async (request) => {
      const { username, method, assurance, signedInAt } = request.session;
      return {
        user: username ? { username } : null,
        method: method ?? null,
        assurance: assurance ?? null,
        signedInAt: signedInAt ?? null,
      };
    },
  );

  // Anyone may sign out their own browser. The ceremony binding goes too: challenges issued before signing out are
  // not this browser's any more.
  app.post(
    '/api/session/logout',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign out and forget the session',
        body: EmptyBody,
        response: { 200: SignedOutReply },
      },
      config: { assurance: 'anyone' },
    },
    async (request, reply) => {
      await request.session.destroy();
      reply.clearCookie(BINDING_COOKIE, { path: '/' });
      return { signedOut: true as const };
    },
  );

  // The account's owner at passkey assurance (a fallback session must not be able to throw the owner out).
  app.post(
    '/api/session/logout-everywhere',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign the account out in every browser, this one included (needs passkey assurance)',
        body: EmptyBody,
        response: { 200: SignedOutEverywhereReply, 401: ErrorReply, 403: ErrorReply },
      },
      config: { assurance: 'passkey' },
    },
    async (request, reply) => {
      const account = signedInAccount(request);
      const revokedSessions = opts.repos.transaction(() => {
        const revoked = opts.repos.sessions.revokeAll(account.id);
        opts.repos.ceremonies.record({
          accountId: account.id,
          username: account.username,
          kind: 'session.logout-everywhere',
          outcome: 'recorded',
          detail: { revokedSessions: revoked },
        });
        return revoked;
      });
      await request.session.destroy();
      reply.clearCookie(BINDING_COOKIE, { path: '/' });
      return { signedOut: true as const, revokedSessions };
    },
  );
};
