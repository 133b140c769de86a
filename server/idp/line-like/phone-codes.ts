import { randomBytes, randomInt } from 'node:crypto';

// LINE's browser-login second factor, as the story tells it: a 4-digit number shown on the PC is typed into LINE on
// the phone. It expires after 3 minutes and belongs to one pending login (one PC interaction). Numbers are only
// accepted from the phone's own signed-in LINE session for that account (phone-sessions.ts), and each pending login
// counts its own wrong tries: nobody else's attempt can lock it, and a new login never replaces a waiting one.

export const CODE_TTL_MS = 3 * 60 * 1000;
const MAX_TRIES = 5;
/** Memory guard only; pending logins also expire after CODE_TTL_MS. */
const MAX_PENDING = 10_000;

export interface PendingCode {
  /** Random id the phone names the login by; never the account's public sub. */
  id: string;
  uid: string;
  accountSub: string;
  code: string;
  createdAt: number;
  expiresAt: number;
  triesLeft: number;
  state: 'waiting' | 'approved' | 'locked';
}

export type SubmitResult = 'approved' | 'wrong' | 'expired' | 'locked' | 'none';

export class PhoneCodeStore {
  private readonly pending = new Map<string, PendingCode>();
  constructor(readonly now: () => number = Date.now) {}

  create(uid: string, accountSub: string): PendingCode {
    const now = this.now();
    for (const [key, entry] of this.pending) if (entry.expiresAt < now) this.pending.delete(key);
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const entry: PendingCode = {
      id: randomBytes(12).toString('base64url'),
      uid,
      accountSub,
      code: String(randomInt(0, 10_000)).padStart(4, '0'),
      createdAt: now,
      expiresAt: now + CODE_TTL_MS,
      triesLeft: MAX_TRIES,
      state: 'waiting',
    };
    this.pending.delete(uid);
    this.pending.set(uid, entry);
    return entry;
  }

  get(uid: string): (PendingCode & { expired: boolean }) | undefined {
    const entry = this.pending.get(uid);
    return entry ? { ...entry, expired: entry.expiresAt < this.now() } : undefined;
  }

  /** The logins a phone signed in as `accountSub` is asked to confirm, newest first. */
  waitingFor(accountSub: string): PendingCode[] {
    const now = this.now();
    return [...this.pending.values()]
      .filter((entry) => entry.accountSub === accountSub && entry.state === 'waiting' && entry.expiresAt >= now)
      .reverse();
  }

  /** The phone, signed in as `phoneAccountSub`, submits a number for one pending login of that account. */
  submit(phoneAccountSub: string, pendingId: string, code: string): { result: SubmitResult; triesLeft: number } {
    const entry = [...this.pending.values()].find((candidate) => candidate.id === pendingId);
    // Another account's login, or one already finished: nothing to count against.
    if (!entry || entry.accountSub !== phoneAccountSub || entry.state !== 'waiting')
      return { result: 'none', triesLeft: 0 };
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
