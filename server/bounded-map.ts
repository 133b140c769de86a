import { createHmac, randomBytes } from 'node:crypto';

/** What a full map may do with an entry: drop it (its limit is over), forget it (it limits no one yet), or keep it. */
export type Standing = 'expired' | 'forgettable' | 'kept';

/** How many of the oldest entries a full map looks at for one it may forget (a bounded look: little cost per call). */
const FORGET_SCAN = 64;

/**
 * The memory of an attempt limiter (the lab's per-account limits, the mock providers' guess limits), bounded so that a
 * flood of throw-away keys cannot be turned against anyone. Entries are kept oldest first (`set` makes an entry the
 * newest), so callers that set an entry at each attempt keep the expired ones at the front. A full map drops expired
 * entries first, then forgets the oldest forgettable one among its oldest few. It never forgets an entry that is
 * limiting someone, which would hand whoever attacks them a fresh start. If nothing may go, a key without an entry of
 * its own shares one of `overflowBuckets` overflow entries, picked by a keyed hash no one outside can compute: a flood
 * spreads over all of them instead of filling one that everybody shares.
 */
export class BoundedMap<T> {
  private readonly entries = new Map<string, T>();
  private readonly overflow = new Map<number, T>();
  private readonly hashKey = randomBytes(32);
  constructor(
    private readonly maxEntries: number,
    private readonly standing: (entry: T, now: number) => Standing,
    private readonly overflowBuckets = 1024,
  ) {}

  /** How many keys have an entry of their own (never more than maxEntries). */
  get size() {
    return this.entries.size;
  }

  /** The key's own entry; if it has none and the map has no room for one, the overflow entry it would share. */
  get(key: string, now: number): T | undefined {
    const own = this.entries.get(key);
    if (own !== undefined) return own;
    return this.hasRoom(now) ? undefined : this.overflow.get(this.bucketOf(key));
  }

  /** Stores the key's entry as the newest, making room if needed; with no room, stores its overflow entry instead. */
  set(key: string, value: T, now: number) {
    if (this.entries.delete(key) || this.hasRoom(now)) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.forgettable(now)!);
      this.entries.set(key, value);
    } else {
      this.overflow.set(this.bucketOf(key), value);
    }
  }

  delete(key: string) {
    this.entries.delete(key);
  }

  /** Drops the expired entries at the front; then whether there is room, or an entry that may be forgotten. */
  private hasRoom(now: number) {
    for (const [key, entry] of this.entries) {
      if (this.standing(entry, now) !== 'expired') break;
      this.entries.delete(key);
    }
    return this.entries.size < this.maxEntries || this.forgettable(now) !== undefined;
  }

  private forgettable(now: number): string | undefined {
    let looked = 0;
    for (const [key, entry] of this.entries) {
      if (this.standing(entry, now) !== 'kept') return key;
      if (++looked >= FORGET_SCAN) return undefined;
    }
    return undefined;
  }

  private bucketOf(key: string) {
    return createHmac('sha256', this.hashKey).update(key).digest().readUInt32BE(0) % this.overflowBuckets;
  }
}
