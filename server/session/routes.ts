import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Repositories } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { EmptyBody, ErrorReply } from '../http-schemas.js';
import { BINDING_COOKIE } from './browser-binding.js';

const SessionReply = Type.Object({
  user: Type.Union([Type.Object({ username: Type.String() }), Type.Null()]),
  method: Type.Union([Type.String(), Type.Null()]),
  assurance: Type.Union([Type.String(), Type.Null()]),
  signedInAt: Type.Union([Type.Number(), Type.Null()]),
});

export async function sessionRoutes(app: FastifyInstance, opts: { repos: Repositories }) {
  app.get('/api/session', { schema: { tags: ['session'], summary: 'Who is signed in, how, and at which assurance', response: { 200: SessionReply } } }, async (request) => {
    const { username, method, assurance, signedInAt } = request.session;
    return {
      user: username ? { username } : null,
      method: method ?? null,
      assurance: assurance ?? null,
      signedInAt: signedInAt ?? null,
    };
  });

  // Anyone may sign out their own browser. The ceremony binding goes too: challenges issued before signing out are
  // not this browser's any more.
  app.post('/api/session/logout', { schema: { tags: ['session'], summary: 'Sign out and forget the session', body: EmptyBody } }, async (request, reply) => {
    await request.session.destroy();
    reply.clearCookie(BINDING_COOKIE, { path: '/' });
    return { signedOut: true };
  });

  // The account's owner at passkey assurance (a fallback session must not be able to throw the owner out).
  app.post(
    '/api/session/logout-everywhere',
    { schema: { tags: ['session'], summary: 'Sign the account out in every browser, this one included (needs passkey assurance)', body: EmptyBody, response: { 401: ErrorReply, 403: ErrorReply } } },
    async (request, reply) => {
      const userId = request.session.userId;
      if (userId === undefined) throw new ApiError(401, 'sign_in_required', 'Sign in first.');
      if (request.session.assurance !== 'high') {
        throw new ApiError(403, 'step_up_required', 'Signing out everywhere needs a passkey confirmation (step-up) because you signed in with a fallback login.');
      }
      const revokedSessions = opts.repos.sessions.revokeAll(userId);
      await request.session.destroy();
      reply.clearCookie(BINDING_COOKIE, { path: '/' });
      return { signedOut: true, revokedSessions };
    },
  );
}
