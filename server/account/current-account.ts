import type { FastifyRequest } from 'fastify';
import type { Account } from '../../db/accounts.js';

/**
 * The signed-in account of a route declared `signed-in` or above: the assurance plugin (plugins/assurance.ts) resolved
 * it, or refused the request with 401/403, before the handler ran. Called on a route that declares no such level, it
 * is a programming error (a 500), never a way to skip the check.
 */
export function signedInAccount(request: FastifyRequest): Account {
  if (!request.account)
    throw new Error(
      `${request.method} ${request.routeOptions.url} reads the account but does not declare a signed-in assurance`,
    );
  return request.account;
}

/**
 * This session deleted the very passkey it was signed in with: it stays signed in, but without that passkey's strength
 * (low assurance, no passkeyId), so passkey-level changes need a step-up with another passkey. The assurance check
 * refuses a passkeyId that is gone as well, should an older copy of this session be saved after this one.
 */
export function dropPasskeyAssurance(request: FastifyRequest) {
  request.session.assurance = 'low';
  delete request.session.passkeyId;
}
