import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Repositories } from '../../db/index.js';
import { ApiError } from '../errors.js';
import { EmptyBody, ErrorReply } from '../http-schemas.js';

const ProviderParams = Type.Object({ provider: Type.String({ maxLength: 32 }) });

/**
 * Lost phone: the identity-proofing simulation. A real service would verify an ID document with staff; here the
 * button stands for that. What follows is real: every other session is signed out, every linked login must be
 * confirmed again (a link planted by an attacker does not survive), and this session may register one new passkey.
 */
export async function recoveryRoutes(app: FastifyInstance, opts: { repos: Repositories }) {
  const { repos } = opts;

  app.post(
    '/api/recovery/identity-proofing',
    { schema: { tags: ['account'], summary: 'Simulated identity proofing after a lost phone', body: EmptyBody, response: { 401: ErrorReply } } },
    async (request) => {
      const userId = request.session.userId;
      if (userId === undefined) throw new ApiError(401, 'sign_in_required', 'Sign in first (for example with a linked login).');
      const revokedSessions = repos.sessions.revokeOtherSessions(userId, request.session.sessionId);
      const identitiesToReconfirm = repos.identities.requireReconfirmation(userId);
      request.session.recovered = true;
      repos.ceremonies.record({
        accountId: userId,
        username: request.session.username ?? null,
        kind: 'recovery.identity-proofing',
        outcome: 'recorded',
        detail: { revokedSessions, identitiesToReconfirm },
      });
      return { revokedSessions, identitiesToReconfirm, mayRegisterPasskey: true };
    },
  );

  app.post<{ Params: Static<typeof ProviderParams> }>(
    '/api/account/identities/:provider/confirm',
    { schema: { tags: ['account'], summary: 'Confirm a linked login again after recovery', params: ProviderParams, body: EmptyBody, response: { 401: ErrorReply, 403: ErrorReply, 404: ErrorReply } } },
    async (request) => {
      const userId = request.session.userId;
      if (userId === undefined) throw new ApiError(401, 'sign_in_required', 'Sign in first.');
      if (request.session.assurance !== 'high') throw new ApiError(403, 'step_up_required', 'Confirm with a passkey first.');
      if (!repos.identities.confirm(userId, request.params.provider)) throw new ApiError(404, 'identity_not_found', 'No such linked login.');
      repos.ceremonies.record({ accountId: userId, username: request.session.username ?? null, kind: 'identity.reconfirm', outcome: 'recorded', detail: { provider: request.params.provider } });
      return { confirmed: true };
    },
  );
}
