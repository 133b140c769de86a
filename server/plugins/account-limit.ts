import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

/**
 * Fixed one-minute windows kept in memory, oldest keys dropped first when too many are tracked. @fastify/rate-limit
 * runs only one limiter per request (its per-IP limit), and its store is not part of its public API, so the
 * per-account limits count here.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one attempt for key; returns the count in the current window and the ms until it resets. */
  hit(key: string, now = Date.now()): { count: number; resetInMs: number } {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.delete(key);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
      if (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
    }
    window.count += 1;
    return { count: window.count, resetInMs: window.resetAt - now };
  }
}

export interface AccountLimits {
  /** Attempts per minute for one account from one source address. */
  perSource: number;
  /** Attempts per minute for one account from all sources together: the ceiling for a distributed attempt. */
  perAccount: number;
}

const refuse = (resetInMs: number, message: string) => {
  const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
  return new ApiError(
    429,
    'rate_limited',
    `${message} Try again in ${seconds} seconds, or sign in without typing your name (passkey autofill / "sign in with a passkey").`,
    { retryAfterSeconds: seconds },
  );
};

/**
 * A preHandler limiting attempts per (account, source) and, higher, per account. One source typing someone's name
 * exhausts only its own allowance; the account-wide ceiling only stops an attack from many addresses. Requests for
 * which accountOf names no account (a signed-out usernameless login) are never counted here, so the owner can always
 * sign in that way.
 */
export function accountRateLimit(limits: AccountLimits, accountOf: (request: FastifyRequest) => string | undefined) {
  const perSource = new FixedWindowCounter(60_000);
  const perAccount = new FixedWindowCounter(60_000);
  return async (request: FastifyRequest) => {
    const account = accountOf(request);
    if (account === undefined) return;
    const source = perSource.hit(`${account}\u0000${request.ip}`);
    // A source over its own allowance is refused without using up the account's shared ceiling.
    if (source.count > limits.perSource)
      throw refuse(source.resetInMs, 'Too many attempts for this account from your network.');
    const shared = perAccount.hit(account);
    if (shared.count > limits.perAccount)
      throw refuse(shared.resetInMs, 'Too many attempts for this account right now.');
  };
}
