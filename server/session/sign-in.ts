import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE, type Assurance, type SignInMethod } from '../plugins/session.js';

/**
 * Signs a session in with an id no one has seen before, so an id planted before sign-in is worthless after it.
 * A request that presented a session cookie gets a regenerated session (regenerate() deletes the old row and writes
 * the new, still empty one at once); a request without one already carries a session created for this request whose
 * id has never left the server, so it is used as is. Either way the signed-in session is written when the reply is
 * sent (@fastify/session's onSend, through the store in plugins/session.ts).
 */
export async function signIn(
  request: FastifyRequest,
  account: { id: number; username: string },
  method: SignInMethod,
  assurance: Assurance,
  passkeyId?: string,
) {
  if (request.cookies[SESSION_COOKIE] !== undefined) await request.session.regenerate();
  request.session.userId = account.id;
  request.session.username = account.username;
  request.session.method = method;
  request.session.assurance = assurance;
  request.session.signedInAt = Date.now();
  if (passkeyId !== undefined) request.session.passkeyId = passkeyId;
}
