import type { FastifyRequest } from 'fastify';
import { BoundedMap } from '../bounded-map.js';
import { ApiError } from '../errors.js';

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Fixed windows kept in memory for at most maxKeys keys (server/bounded-map.ts). A window that has counted more than
 * one attempt is never dropped to make room, or typing many other names would wipe an account's count: a full table
 * drops expired windows, then forgets the oldest window that counted a single attempt (forgiving one attempt at most),
 * and otherwise counts a new key in one of overflowBuckets shared windows picked by a keyed hash. @fastify/rate-limit
 * runs only one limiter per request (its per-IP limit), and its store is not part of its public API, so the
 * per-account limits count here.
 */
export class FixedWindowCounter {
  private readonly windows: BoundedMap<Window>;
  constructor(
    private readonly windowMs: number,
    maxKeys = 10_000,
    overflowBuckets = 1024,
  ) {
    this.windows = new BoundedMap<Window>(
      maxKeys,
      (window, now) => (window.resetAt <= now ? 'expired' : window.count === 1 ? 'forgettable' : 'kept'),
      overflowBuckets,
    );
  }

  /** Counts one attempt for key; returns the count in its window (an overflow one if no room) and ms until it resets. */
  hit(key: string, now = Date.now()): { count: number; resetInMs: number } {
    let window = this.windows.get(key, now);
    if (!window || window.resetAt <= now) {
      // Windows are set in the order they start, so the map keeps the expired ones at its front.
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window, now);
    }
    window.count += 1;
    return { count: window.count, resetInMs: window.resetAt - now };
  }

  /** How many keys have a window of their own (never more than maxKeys). */
  get size() {
    return this.windows.size;
  }
}

export interface AccountLimits {
  /** Attempts per minute for one account from one source address. */
  perSource: number;
  /** Attempts per minute for one account from all sources together (the ceiling for a distributed attempt); none if undefined. */
  perAccount: number | undefined;
  /** How many accounts (and account-source pairs) get a window of their own; 10,000 unless a test wants fewer. */
  maxKeys?: number;
}

const refuse = (resetInMs: number, message: string, typedName: boolean) => {
  const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
  // Signing in without typing a name is a way round only for a typed name (keys 'account:<name>').
  const orWithoutName = typedName
    ? ', or sign in without typing your name (passkey autofill / "sign in with a passkey")'
    : '';
  return new ApiError(429, 'rate_limited', `${message} Try again in ${seconds} seconds${orWithoutName}.`, {
    retryAfterSeconds: seconds,
  });
};

/**
 * A preHandler limiting attempts per (account, source) and, higher, per account. One source typing someone's name
 * exhausts only its own allowance; the account-wide ceiling only stops an attack from many addresses. Requests for
 * which accountOf names no account (a signed-out usernameless login) are never counted here, so the owner can always
 * sign in that way.
 */
export function accountRateLimit(limits: AccountLimits, accountOf: (request: FastifyRequest) => string | undefined) {
  const perSource = new FixedWindowCounter(60_000, limits.maxKeys);
  const perAccount = new FixedWindowCounter(60_000, limits.maxKeys);
  return async (request: FastifyRequest) => {
    const account = accountOf(request);
    if (account === undefined) return;
    const typedName = account.startsWith('account:');
    const source = perSource.hit(`${account}\u0000${request.ip}`);
    // A source over its own allowance is refused without using up the account's shared ceiling.
    if (source.count > limits.perSource)
      throw refuse(source.resetInMs, 'Too many attempts for this account from your network.', typedName);
    if (limits.perAccount === undefined) return;
    const shared = perAccount.hit(account);
    if (shared.count > limits.perAccount)
      throw refuse(shared.resetInMs, 'Too many attempts for this account right now.', typedName);
  };
}
