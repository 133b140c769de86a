import type { FastifyRequest } from 'fastify';
import { createRequire } from 'node:module';
import { ApiError } from '../errors.js';

// @fastify/rate-limit runs only one limiter per request, so the per-account limit uses the same library's
// in-memory store (a fixed window in an LRU) from its own preHandler.
type IncrCallback = (error: Error | null, result: { current: number; ttl: number }) => void;
interface Store {
  incr(key: string, callback: IncrCallback, timeWindow: number, max: number): void;
}
const LocalStore = createRequire(import.meta.url)('@fastify/rate-limit/store/LocalStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => Store;

/** A preHandler limiting attempts per account (the username in the body), whichever IPs they come from. */
export function accountRateLimit(perMinute: number, accountOf: (request: FastifyRequest) => string | undefined) {
  const store = new LocalStore(false, false, 10_000);
  return async (request: FastifyRequest) => {
    const account = accountOf(request);
    if (account === undefined) return;
    const { current, ttl } = await new Promise<{ current: number; ttl: number }>((resolve, reject) =>
      store.incr(account, (error, result) => (error ? reject(error) : resolve(result)), 60_000, perMinute),
    );
    if (current > perMinute) {
      const seconds = Math.max(1, Math.ceil(ttl / 1000));
      throw new ApiError(429, 'rate_limited', `Too many attempts for this account. Try again in ${seconds} seconds.`, { retryAfterSeconds: seconds });
    }
  };
}
