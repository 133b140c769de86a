import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { findLineLike, type DemoIdentity } from '../accounts.js';

// "LINE on your phone" is its own signed-in LINE session, separate from any PC browser's: the phone's app signed in
// once (in the demo: password + the identity's demo SMS code) and stays signed in. Its cookie is signed, HttpOnly,
// SameSite=Strict and scoped to the phone pages, and names a server-side session, so it can be ended.

const PHONE_COOKIE = '_line_phone';
const PHONE_PATH = '/ui/line/phone';
const PHONE_SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_SESSIONS = 10_000;

export class PhoneSessions {
  private readonly sessions = new Map<string, { sub: string; expiresAt: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  /** The demo identity this browser's phone session is signed in as, if any. */
  account(request: FastifyRequest): DemoIdentity | undefined {
    const id = sessionId(request);
    const session = id ? this.sessions.get(id) : undefined;
    if (!session || session.expiresAt < this.now()) return undefined;
    return findLineLike(session.sub);
  }

  start(request: FastifyRequest, reply: FastifyReply, sub: string) {
    this.end(request, reply);
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const id = randomBytes(24).toString('base64url');
    this.sessions.set(id, { sub, expiresAt: this.now() + PHONE_SESSION_TTL_MS });
    reply.setCookie(PHONE_COOKIE, id, {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      path: PHONE_PATH,
      maxAge: PHONE_SESSION_TTL_MS / 1000,
    });
  }

  end(request: FastifyRequest, reply: FastifyReply) {
    const id = sessionId(request);
    if (id) this.sessions.delete(id);
    reply.clearCookie(PHONE_COOKIE, { path: PHONE_PATH });
  }
}

function sessionId(request: FastifyRequest): string | undefined {
  const raw = request.cookies[PHONE_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}
