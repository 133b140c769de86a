import type { FastifyInstance } from 'fastify';
import { accountRateLimit } from './account-limit.js';

/** How much higher the account-wide ceiling is than one source's allowance (docs/security.md, "Rate limits"). */
export const ACCOUNT_CEILING_FACTOR = 5;

/**
 * Per-IP, per-(account, source) and per-account limits for a ceremony route (passkey, fallback, recovery), answered
 * with a 429 and Retry-After. The account is the typed username, else the signed-in account: a signed-out
 * usernameless login names none, so it meets only the per-IP limit. `app.rateLimit` is @fastify/rate-limit's,
 * registered by plugins/security.ts; each call keeps its own counters, so every feature has its own per-IP allowance:
 * busy passkey traffic behind one address must not close the fallback login or recovery (docs/security.md).
 */
export function ceremonyRateLimits(app: FastifyInstance, perMinute: number) {
  return [
    app.rateLimit({ max: perMinute, timeWindow: 60_000 }),
    accountRateLimit({ perSource: perMinute, perAccount: perMinute * ACCOUNT_CEILING_FACTOR }, (request) => {
      const body = request.body as { username?: unknown } | undefined;
      if (typeof body?.username === 'string') return `account:${body.username}`;
      return request.session?.userId !== undefined ? `account-id:${request.session.userId}` : undefined;
    }),
  ];
}
