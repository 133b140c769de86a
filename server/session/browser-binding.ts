import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomId } from '../plugins/random-id.js';
import { isBindingId } from '../plugins/cookie-ids.js';

export const BINDING_COOKIE = 'lab_ceremony';

/**
 * The browser a challenge was issued to. An HttpOnly cookie carrying a random id (plugins/cookie-ids.ts), set with the
 * first options and kept for the browser's session: it binds challenges to the browser without writing a session row
 * for every visitor who has not signed in (a session row is saved at sign-in, with a fresh id, or when a fallback login
 * starts).
 */
export function browserBinding(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const presented = presentedBinding(request);
  if (presented) return presented;
  const id = randomId(18);
  reply.setCookie(BINDING_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  return id;
}

/** The binding the browser presents, without creating one (for reports about an earlier request). */
export function presentedBinding(request: FastifyRequest): string | undefined {
  const value = request.cookies[BINDING_COOKIE];
  return value !== undefined && isBindingId(value) ? value : undefined;
}
