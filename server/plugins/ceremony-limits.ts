import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accountRateLimit } from './account-limit.js';

/** How much higher the account-wide ceiling is than one source's allowance (docs/security.md, "Rate limits"). */
export const ACCOUNT_CEILING_FACTOR = 5;

/**
 * Per-IP, per-(account, source) and per-account limits for a ceremony route (passkey, fallback, recovery), answered
 * with a 429 and Retry-After. `app.rateLimit` is @fastify/rate-limit's, registered by plugins/security.ts; each call
 * keeps its own counters, so every feature has its own per-IP allowance: busy passkey traffic behind one address must
 * not close the fallback login or recovery (docs/security.md, "Rate limits").
 *
 * What the account counters count (accountKey below): a signed-in session's own requests count for that session
 * alone, so no one else (a stranger typing the name, a fallback login held by someone else) can use up the owner's
 * allowance for unlinking that login or adding a passkey. A typed name counts against that name. A signed-out
 * usernameless login names no account, so it meets only the per-IP limit.
 *
 * `accountWide: false` drops the ceiling over all sources, where it protects nothing and only lets strangers from a
 * few addresses shut the owner out: recovery, whose codes are capped by number and tries whatever the request rate.
 */
export function ceremonyRateLimits(app: FastifyInstance, perMinute: number, { accountWide = true } = {}) {
  return [
    app.rateLimit({ max: perMinute, timeWindow: 60_000 }),
    accountRateLimit(
      { perSource: perMinute, perAccount: accountWide ? perMinute * ACCOUNT_CEILING_FACTOR : undefined },
      accountKey,
    ),
  ];
}

/** The session for its own account's requests, else the typed name, else none (a signed-out usernameless login). */
function accountKey(request: FastifyRequest): string | undefined {
  const body = request.body as { username?: unknown } | undefined;
  const typed = typeof body?.username === 'string' ? body.username : undefined;
  const session = request.session;
  if (session?.userId !== undefined && (typed === undefined || typed === session.username))
    return `session:${session.sessionId}`;
  return typed === undefined ? undefined : `account:${typed}`;
}
