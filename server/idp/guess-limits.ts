// Limits on password guessing at the mock identity providers, shaped so that a lock-out hits the guesser, not the owner.
//
// Two counters of FAILED sign-ins, both in memory (like the rest of the mock's state):
// - per source address: after SOURCE_MAX_FAILURES within SOURCE_WINDOW_MS that source is refused outright
//   (without the password being checked) until the window has passed. This stops one machine guessing many
//   passwords or spraying one password over many accounts, and it only ever blocks the guesser's own address.
// - per account, from browsers that never signed in to it: after ACCOUNT_FREE_FAILURES the next attempt has to
//   wait, the wait doubling up to ACCOUNT_MAX_DELAY_MS. This slows guessing spread over many addresses. It is a
//   delay and never a lock: whoever waits gets one honest check of the password. And a browser that completed a
//   sign-in to that account before ("known browser", a signed cookie, OWASP's "device cookie") skips the wait, so
//   a stranger's guesses cannot keep the owner out of their own account on their own browser.
// Attempts refused by a limit are not checked and not counted, so they cannot push the owner's wait further out.

import { BoundedMap } from '../bounded-map.js';

export const SOURCE_MAX_FAILURES = 10;
export const SOURCE_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FREE_FAILURES = 5;
export const ACCOUNT_BASE_DELAY_MS = 2 * 1000;
export const ACCOUNT_MAX_DELAY_MS = 5 * 60 * 1000;
/** An account whose last failure is this old starts again from zero. */
export const ACCOUNT_FORGET_MS = 60 * 60 * 1000;
/** Memory guard: each table holds at most this many entries of their own (server/bounded-map.ts). */
export const MAX_ENTRIES = 50_000;

export type GuessVerdict =
  { allowed: true } | { allowed: false; reason: 'source-limit' | 'account-wait'; retryAfterSeconds: number };

interface SourceEntry {
  failures: number[];
}
interface AccountEntry {
  failures: number;
  lastFailureAt: number;
}

export class GuessLimits {
  // Entries are set at each failure, so both tables keep them in order of their last failure (expired ones first).
  private readonly sources: BoundedMap<SourceEntry>;
  private readonly accounts: BoundedMap<AccountEntry>;
  constructor(
    private readonly now: () => number = Date.now,
    maxEntries = MAX_ENTRIES,
  ) {
    this.sources = new BoundedMap<SourceEntry>(maxEntries, (entry, now) => {
      const live = entry.failures.filter((at) => at > now - SOURCE_WINDOW_MS).length;
      return live === 0 ? 'expired' : live < SOURCE_MAX_FAILURES ? 'forgettable' : 'kept';
    });
    this.accounts = new BoundedMap<AccountEntry>(maxEntries, (entry, now) =>
      now - entry.lastFailureAt >= ACCOUNT_FORGET_MS
        ? 'expired'
        : entry.failures < ACCOUNT_FREE_FAILURES
          ? 'forgettable'
          : 'kept',
    );
  }

  /** Asked before the password is checked. `knownBrowser`: this browser signed in to this account before. */
  check(source: string, accountKey: string | undefined, knownBrowser: boolean): GuessVerdict {
    const now = this.now();
    const recent = this.recentSourceFailures(source, now);
    if (recent.length >= SOURCE_MAX_FAILURES) {
      return {
        allowed: false,
        reason: 'source-limit',
        retryAfterSeconds: Math.ceil((recent[0]! + SOURCE_WINDOW_MS - now) / 1000),
      };
    }
    if (accountKey === undefined || knownBrowser) return { allowed: true };
    const account = this.liveAccount(accountKey, now);
    if (!account || account.failures < ACCOUNT_FREE_FAILURES) return { allowed: true };
    const wait = Math.min(
      ACCOUNT_MAX_DELAY_MS,
      ACCOUNT_BASE_DELAY_MS * 2 ** (account.failures - ACCOUNT_FREE_FAILURES),
    );
    const openAt = account.lastFailureAt + wait;
    return openAt <= now
      ? { allowed: true }
      : { allowed: false, reason: 'account-wait', retryAfterSeconds: Math.ceil((openAt - now) / 1000) };
  }

  /** A checked attempt failed. An unknown account name counts for the source only. */
  failed(source: string, accountKey: string | undefined, knownBrowser: boolean) {
    const now = this.now();
    const recent = this.recentSourceFailures(source, now);
    recent.push(now);
    this.sources.set(source, { failures: recent }, now);
    if (accountKey === undefined || knownBrowser) return;
    const account = this.liveAccount(accountKey, now);
    this.accounts.set(accountKey, { failures: (account?.failures ?? 0) + 1, lastFailureAt: now }, now);
  }

  /**
   * The right password. From an unknown browser (that waited its turn) the account's count starts again from zero;
   * a known browser's success leaves it, since that browser's sign-ins say nothing about guesses made elsewhere.
   */
  succeeded(accountKey: string, knownBrowser: boolean) {
    if (!knownBrowser) this.accounts.delete(accountKey);
  }

  private recentSourceFailures(source: string, now: number) {
    return (this.sources.get(source, now)?.failures ?? []).filter((at) => at > now - SOURCE_WINDOW_MS);
  }

  private liveAccount(accountKey: string, now: number) {
    const entry = this.accounts.get(accountKey, now);
    return entry && now - entry.lastFailureAt < ACCOUNT_FORGET_MS ? entry : undefined;
  }
}
