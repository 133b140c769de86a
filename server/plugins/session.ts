import session from '@fastify/session';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { SessionRepository } from '../../db/sessions.js';
import { unsignedSessionIds } from './cookie-ids.js';
import { randomId } from './random-id.js';

/** recovery: identity proofing with a code from the owner's other channel (docs/security.md, "Recovery"). */
export type SignInMethod = 'passkey' | 'hybrid' | 'social:google' | 'social:line' | 'recovery';
/** high: a passkey was verified in this session; low: only a fallback (social) login. */
export type Assurance = 'high' | 'low';

declare module 'fastify' {
  interface Session {
    userId?: number;
    username?: string;
    method?: SignInMethod;
    assurance?: Assurance;
    signedInAt?: number;
    /** The passkey verified in this session: destructive changes check it predates the account's last recovery. */
    passkeyId?: string;
    /**
     * Set by a fallback login's start (fallback/routes.ts) so its session is saved before sign-in; passkey options
     * write no session row (session/browser-binding.ts).
     */
    started?: boolean;
    /** Set by a completed identity proofing: this session may register a new passkey once, and nothing else. */
    recovered?: boolean;
    /** Support staff (server/support): their own table and flag, never set together with userId. */
    staffId?: number;
    /** How the staff member signed in; only 'passkey' exists, and the staff level checks it. */
    staffVia?: 'passkey';
  }
}

const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/**
 * Session ids that sort by creation time: a fixed-width base-36 millisecond clock, then 18 random bytes (144 bits,
 * what makes the id unguessable; server/plugins/cookie-ids.ts). New sessions then land on the last page of the
 * sessions table's B-tree instead of a random one, so a busy turn's sign-ins share one page write.
 */
export function timeOrderedSessionId(now = Date.now()): string {
  return now.toString(36).padStart(9, '0') + randomId(18);
}
export const SESSION_COOKIE = 'lab_session';

export interface SessionOptions {
  secure: boolean;
  store: SessionRepository;
  /** The repositories' unit of work, so a session write joins the request's group commit. */
  transaction: <T>(fn: () => T) => T;
}

/**
 * HttpOnly, SameSite=Lax session cookie carrying the session id; sessions stored in SQLite (keyed by the id's
 * digest) so they survive restarts. Needs
 * @fastify/cookie registered before it (server/app.ts). Registered only in the scope of the routes that read or write
 * a session: a request to any other route gets no session built for it.
 */
export const sessionPlugin = fp<SessionOptions>(
  async (app: FastifyInstance, options) => {
    const store = options.store;
    await app.register(session, {
      secret: unsignedSessionIds,
      cookieName: SESSION_COOKIE,
      idGenerator: () => timeOrderedSessionId(),
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', maxAge: SESSION_LIFETIME_MS },
      store: {
        set(sessionId, data, callback) {
          try {
            const expires = (data as { cookie?: { expires?: Date | string | null } }).cookie?.expires;
            options.transaction(() =>
              store.set(sessionId, data, expires ? new Date(expires).getTime() : Date.now() + SESSION_LIFETIME_MS),
            );
            callback();
          } catch (error) {
            callback(error);
          }
        },
        get(sessionId, callback) {
          try {
            callback(null, (store.get(sessionId) as never) ?? null);
          } catch (error) {
            callback(error);
          }
        },
        destroy(sessionId, callback) {
          try {
            options.transaction(() => store.destroy(sessionId));
            callback();
          } catch (error) {
            callback(error);
          }
        },
      },
    });
    // Named: plugins/durable-replies.ts declares it must come after this one.
  },
  { name: 'lab-session' },
);
