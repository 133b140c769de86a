import type { FastifyRequest } from 'fastify';
import type { Assurance, SignInMethod } from '../plugins/session.js';

/** Signs a session in with a fresh session id, so an id planted before sign-in is worthless after it. */
export async function signIn(
  request: FastifyRequest,
  account: { id: number; username: string },
  method: SignInMethod,
  assurance: Assurance,
) {
  const lang = request.session.lang;
  await request.session.regenerate();
  request.session.userId = account.id;
  request.session.username = account.username;
  request.session.method = method;
  request.session.assurance = assurance;
  request.session.signedInAt = Date.now();
  if (lang) request.session.lang = lang;
}
