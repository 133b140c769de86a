import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Repositories } from '../../db/index.js';
import type { Config } from '../config.js';
import { signedInAccount } from '../account/current-account.js';
import { ApiError } from '../errors.js';
import { EmptyBody, ErrorReply } from '../http-schemas.js';
import { signIn } from '../session/sign-in.js';
import { browserBinding, presentedBinding } from '../session/browser-binding.js';
import { ceremonyRateLimits } from '../plugins/ceremony-limits.js';
import { Username } from '../webauthn/schemas.js';
import type { OwnerChannel } from './owner-channel.js';
import { checkCode, deliverCode, invalidCode, issueCode } from './proofing.js';
import { CodeSentReply, ConfirmedReply, ProofedReply } from './schemas.js';

const ProviderParams = Type.Object({ provider: Type.String({ maxLength: 32 }) });
const CodeRequestBody = Type.Object({ username: Username }, { additionalProperties: false });
const ProofingBody = Type.Object(
  { username: Username, code: Type.String({ pattern: '^[0-9]{8}$' }) },
  { additionalProperties: false },
);
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 429: ErrorReply };

export interface RecoveryRouteOptions {
  config: Config;
  repos: Repositories;
  channel: OwnerChannel;
  codeKey: string;
}

/**
 * Lost phone: identity proofing as an out-of-band check (docs/security.md, "Recovery"). A signed-out browser names the
 * account; a code goes to the owner's other channel only; entering it in that browser proves control of that
 * channel. Then every session of the account is signed out, every linked login must be confirmed again, and the new
 * session may register one passkey, which cannot delete older passkeys or unlink logins during the recovery hold.
 */
export const recoveryRoutes: FastifyPluginAsyncTypebox<RecoveryRouteOptions> = async (app, opts) => {
  const { repos } = opts;
  const secure = opts.config.publicOrigin.startsWith('https:');
  // No account-wide ceiling: codes are capped at 5 an hour and 5 tries each whatever the rate, and a ceiling over all
  // sources would let strangers typing the owner's name from a few addresses keep the owner from asking.
  const limits = ceremonyRateLimits(app, opts.config.rateLimitPerMinute, { accountWide: false });
  const deps = { repos, channel: opts.channel, codeKey: opts.codeKey };

  app.post(
    '/api/recovery/code',
    {
      schema: {
        tags: ['account'],
        summary: "Send an identity-proofing code to the account owner's other channel",
        body: CodeRequestBody,
        response: { 202: CodeSentReply, ...errors },
      },
      config: { assurance: 'signed-out' },
      preHandler: limits,
    },
    async (request, reply) => {
      const { username } = request.body;
      const binding = browserBinding(request, reply, secure);
      const issued = repos.transaction(() => {
        const fresh = issueCode(deps, username, binding);
        // Logged apart from the account: anyone may ask (5 an hour), and must not write into or flush the owner's
        // history; the owner learns of it from the code on their own channel.
        if (fresh)
          repos.ceremonies.record({ accountId: null, username, kind: 'recovery.code-sent', outcome: 'issued' });
        return fresh;
      });
      if (issued) deliverCode(deps, issued.account.username, issued.code);
      return reply.code(202).send({ sent: 'if-the-account-exists' as const });
    },
  );

  app.post(
    '/api/recovery/identity-proofing',
    {
      schema: {
        tags: ['account'],
        summary: "Complete identity proofing with the code from the owner's other channel",
        body: ProofingBody,
        response: { 200: ProofedReply, ...errors },
      },
      config: { assurance: 'signed-out' },
      preHandler: limits,
    },
    async (request) => {
      const { username, code } = request.body;
      // One transaction: the counted try, or the completed proofing with every other session signed out, linked
      // logins to confirm again, and the log entry. A wrong code is committed (it used up a try), then refused.
      const proofed = repos.transaction(() => {
        const account = checkCode(deps, username, code, presentedBinding(request));
        if (!account) return undefined;
        const revokedSessions = repos.sessions.revokeOtherSessions(account.id, request.session.sessionId);
        const identitiesToReconfirm = repos.identities.requireReconfirmation(account.id);
        repos.ceremonies.record({
          accountId: account.id,
          username: account.username,
          kind: 'recovery.identity-proofing',
          outcome: 'verified',
          detail: { revokedSessions, identitiesToReconfirm },
        });
        return { account, revokedSessions, identitiesToReconfirm };
      });
      if (!proofed) throw invalidCode();
      await signIn(request, proofed.account, 'recovery', 'low');
      request.session.recovered = true;
      return {
        revokedSessions: proofed.revokedSessions,
        identitiesToReconfirm: proofed.identitiesToReconfirm,
        mayRegisterPasskey: true as const,
      };
    },
  );

  app.post(
    '/api/account/identities/:provider/confirm',
    {
      schema: {
        tags: ['account'],
        summary: 'Confirm a linked login again after recovery',
        params: ProviderParams,
        body: EmptyBody,
        response: { 200: ConfirmedReply, ...errors },
      },
      config: { assurance: 'passkey' },
    },
    async (request) => {
      const account = signedInAccount(request);
      repos.transaction(() => {
        if (!repos.identities.confirm(account.id, request.params.provider))
          throw new ApiError(404, 'identity_not_found', 'No such linked login.');
        repos.ceremonies.record({
          accountId: account.id,
          username: account.username,
          kind: 'identity.reconfirm',
          outcome: 'recorded',
          detail: { provider: request.params.provider },
        });
      });
      return { confirmed: true as const };
    },
  );
};
