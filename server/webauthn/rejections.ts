import type { FastifyRequest } from 'fastify';
import type { Repositories } from '../../db/index.js';
import { reduceClient } from '../account/redact.js';
import { ApiError } from '../errors.js';
import { CounterRegressionError, VerificationFailedError } from './authentication.js';

/**
 * Logs a refused verify (an ApiError; anything else is a server fault and is not the caller's doing). A counter
 * regression also flags the credential as a possible clone, in the same transaction.
 */
export function recordRejection(
  repos: Repositories,
  request: FastifyRequest,
  kind: string,
  error: unknown,
  response: unknown,
  client: unknown,
) {
  if (!(error instanceof ApiError)) return;
  // The library's own reason differs by the passkey's algorithm, so it goes to the server's log only: the entry below
  // may be in the caller's own history, where a stranger signed in to another account would read it.
  if (error instanceof VerificationFailedError) request.log.info({ reason: error.reason }, 'login did not verify');
  const regression = error instanceof CounterRegressionError;
  repos.transaction(() => {
    if (regression) repos.credentials.flagClone(error.credentialId);
    repos.ceremonies.record({
      accountId: regression ? error.accountId : (request.session.userId ?? null),
      username: request.session.username ?? null,
      kind,
      outcome: 'rejected',
      errorCode: error.code,
      response,
      // A regression is written to the credential's account even when another browser sent it: keep no full user agent.
      client: regression && request.session.userId !== error.accountId ? reduceClient(client) : client,
      detail: { message: error.message, ...(error.detail ?? {}) },
    });
  });
}
