import { randomInt } from 'node:crypto';

// LINE's browser-login second factor, as the story tells it: a 4-digit number shown on the PC is typed into LINE on
// the phone. It expires after 3 minutes, allows a few wrong tries, and belongs to one pending login.

export const CODE_TTL_MS = 3 * 60 * 1000;
export const MAX_TRIES = 5;

export interface PendingCode {
  uid: string;
  accountSub: string;
  code: string;
  expiresAt: number;
  triesLeft: number;
  state: 'waiting' | 'approved' | 'locked';
}

export type SubmitResult = 'approved' | 'wrong' | 'expired' | 'locked' | 'none';

export class PhoneCodeStore {
  private readonly pending = new Map<string, PendingCode>();
  constructor(readonly now: () => number = Date.now) {}

  create(uid: string, accountSub: string): PendingCode {
    const entry: PendingCode = {
      uid,
      accountSub,
      code: String(randomInt(0, 10_000)).padStart(4, '0'),
      expiresAt: this.now() + CODE_TTL_MS,
      triesLeft: MAX_TRIES,
      state: 'waiting',
    };
    // One pending login per account on the phone: a new login replaces the old one.
    for (const [key, other] of this.pending) if (other.accountSub === accountSub) this.pending.delete(key);
    this.pending.set(uid, entry);
    return entry;
  }

  get(uid: string): (PendingCode & { expired: boolean }) | undefined {
    const entry = this.pending.get(uid);
    return entry ? { ...entry, expired: entry.expiresAt < this.now() } : undefined;
  }

  waitingFor(accountSub: string): PendingCode | undefined {
    return [...this.pending.values()].find((entry) => entry.accountSub === accountSub && entry.state === 'waiting');
  }

  /** The phone submits a number for its account's pending login. */
  submit(accountSub: string, code: string): { result: SubmitResult; triesLeft: number } {
    const entry = this.waitingFor(accountSub);
    if (!entry) return { result: 'none', triesLeft: 0 };
    if (entry.expiresAt < this.now()) return { result: 'expired', triesLeft: entry.triesLeft };
    if (entry.code === code) {
      entry.state = 'approved';
      return { result: 'approved', triesLeft: entry.triesLeft };
    }
    entry.triesLeft -= 1;
    if (entry.triesLeft <= 0) {
      entry.state = 'locked';
      return { result: 'locked', triesLeft: 0 };
    }
    return { result: 'wrong', triesLeft: entry.triesLeft };
  }

  /** Used once: the login it approved cannot be approved again. */
  consume(uid: string) {
    this.pending.delete(uid);
  }
}
