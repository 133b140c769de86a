import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Assurance } from '../plugins/session.js';
import { browserBinding } from '../session/browser-binding.js';

/** Who is asking, as the session says: what the ceremony steps need from the request, as plain data. */
export interface SessionView {
  /** The browser binding challenges are tied to (see session/browser-binding.ts). */
  binding: string;
  /** The server-side session id (a new one after every sign-in; a signed-out or revoked session never comes back). */
  sessionId: string;
  userId?: number;
  assurance?: Assurance;
  /** After the identity-proofing simulation, the session may add one passkey without a step-up. */
  recovered?: boolean;
}

/** Reads the session view; sets the binding cookie if this browser has none yet. */
export function sessionView(request: FastifyRequest, reply: FastifyReply, secure: boolean): SessionView {
  return {
    binding: browserBinding(request, reply, secure),
    sessionId: request.session.sessionId,
    userId: request.session.userId,
    assurance: request.session.assurance,
    recovered: request.session.recovered,
  };
}
