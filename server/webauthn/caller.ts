import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Assurance } from '../plugins/session.js';
import { browserBinding } from '../session/browser-binding.js';

/** Who is asking, as the session says: what the ceremony steps need from the request, as plain data. */
export interface Caller {
  /** The browser binding challenges are tied to (see session/browser-binding.ts). */
  binding: string;
  /** The server-side session id (a new one after every sign-in; a signed-out or revoked session never comes back). */
  sessionId: string;
  userId?: number;
  assurance?: Assurance;
  /** The passkey that gave a high session its assurance (it must still be on the account to add another). */
  passkeyId?: string;
  /** After the identity-proofing simulation, the session may add one passkey without a step-up. */
  recovered?: boolean;
}

/**
 * Binds this browser to its ceremonies — sets the binding cookie on the reply if it has none yet — and says who is
 * asking. Called by each ceremony route before it plans or checks anything.
 */
export function bindCaller(request: FastifyRequest, reply: FastifyReply, secure: boolean): Caller {
  return {
    binding: browserBinding(request, reply, secure),
    sessionId: request.session.sessionId,
    userId: request.session.userId,
    assurance: request.session.assurance,
    passkeyId: request.session.passkeyId,
    recovered: request.session.recovered,
  };
}
