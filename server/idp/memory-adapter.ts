import type { Adapter, AdapterPayload } from 'oidc-provider';

/** One stored entry: the payload as JSON (what a database adapter would keep), what it weighs, when it expires. */
type Entry = { json: string; bytes: number; expiresAt: number; uid?: string; userCode?: string; grantId?: string };
type Store = { entries: Map<string, Entry>; bytes: number };

/** Entries one model (Interaction, Session, Grant, ...) of one provider keeps at most. */
export const MAX_ENTRIES_PER_MODEL = 10_000;
/** Bytes the entries of one model of one provider may weigh together (see weigh). */
export const MAX_BYTES_PER_MODEL = 32 * 1024 * 1024;
/**
 * What one entry costs besides its strings: the map slot and the entry object (measured with Node 20: about 130 bytes).
 */
const ENTRY_OVERHEAD = 256;
/** How many of the oldest entries each write looks at to drop the expired ones. */
const SWEEP = 8;

/**
 * What an entry takes in memory, at most: a JavaScript string takes 1 byte a character when every character is Latin-1,
 * else 2 (UTF-16 code units), for the JSON and the id alike, plus the entry itself.
 */
function weigh(id: string, json: string): number {
  const perChar = (text: string) => (/[\u0100-\uffff]/.test(text) ? 2 : 1);
  return json.length * perChar(json) + id.length * perChar(id) + ENTRY_OVERHEAD;
}

/**
 * The mock identity providers keep their state in memory on purpose (a restart forgets pending logins, which is fine
 * for a lab). Each call returns an adapter class with its own stores, so two identity providers never share state, and
 * with expiry, so oidc-provider does not warn about its development adapter.
 *
 * Bounded, because anyone can make entries (an authorization request nobody finishes stays as an Interaction, with the
 * parameters it came with): each write drops expired entries from the oldest end, and a store that is full by count or
 * by weight forgets its oldest entries. That may cost someone a sign-in in progress (they start again), where refusing
 * new entries would stop every sign-in; the per-address limit on the authorization endpoint (server.ts) means filling a
 * store takes many addresses. Payloads are kept as JSON, as a database adapter keeps them: the weight is that of what
 * is stored, and nothing oidc-provider later changes in an object it was given or found can grow an entry unweighed.
 */
export function memoryAdapter(
  maxEntries = MAX_ENTRIES_PER_MODEL,
  maxBytes = MAX_BYTES_PER_MODEL,
): new (name: string) => Adapter {
  const stores = new Map<string, Store>();
  return class MemoryAdapter implements Adapter {
    private readonly store: Map<string, Entry>;
    private readonly totals: Store;

    constructor(name: string) {
      if (!stores.has(name)) stores.set(name, { entries: new Map(), bytes: 0 });
      this.totals = stores.get(name)!;
      this.store = this.totals.entries;
    }

    /** The bytes the entries of this model weigh together (tests). */
    get bytes() {
      return this.totals.bytes;
    }

    private forget(id: string) {
      const entry = this.store.get(id);
      if (!entry) return;
      this.totals.bytes -= entry.bytes;
      this.store.delete(id);
    }

    private put(id: string, payload: AdapterPayload, expiresAt: number) {
      const json = JSON.stringify(payload);
      const old = this.store.get(id);
      if (old) this.totals.bytes -= old.bytes;
      const entry: Entry = { json, bytes: weigh(id, json), expiresAt };
      if (typeof payload.uid === 'string') entry.uid = payload.uid;
      if (typeof payload.userCode === 'string') entry.userCode = payload.userCode;
      if (typeof payload.grantId === 'string') entry.grantId = payload.grantId;
      // A rewrite keeps its place in the map (its age is that of its first write).
      this.store.set(id, entry);
      this.totals.bytes += entry.bytes;
    }

    private live(id: string) {
      const entry = this.store.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt < Date.now()) {
        this.forget(id);
        return undefined;
      }
      return entry;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      const now = Date.now();
      // Map order is insertion order: the oldest entries come first (a rewrite keeps its place, so look a few deep).
      let looked = 0;
      for (const [key, entry] of this.store) {
        if (looked++ === SWEEP) break;
        if (entry.expiresAt < now) this.forget(key);
      }
      if (!this.store.has(id) && this.store.size >= maxEntries) this.forget(this.store.keys().next().value!);
      this.put(id, payload, now + expiresIn * 1000);
      // Over the weight budget: forget the oldest others until it fits (an entry alone over the budget stays alone).
      for (const key of this.store.keys()) {
        if (this.totals.bytes <= maxBytes) break;
        if (key !== id) this.forget(key);
      }
    }
    async find(id: string) {
      const entry = this.live(id);
      return entry && (JSON.parse(entry.json) as AdapterPayload);
    }
    async findByUserCode(userCode: string) {
      for (const [id, entry] of this.store) if (entry.userCode === userCode) return this.find(id);
      return undefined;
    }
    async findByUid(uid: string) {
      for (const [id, entry] of this.store) if (entry.uid === uid) return this.find(id);
      return undefined;
    }
    async consume(id: string) {
      const entry = this.live(id);
      if (!entry) return;
      const payload = JSON.parse(entry.json) as AdapterPayload;
      payload.consumed = Math.floor(Date.now() / 1000);
      this.put(id, payload, entry.expiresAt);
    }
    async destroy(id: string) {
      this.forget(id);
    }
    async revokeByGrantId(grantId: string) {
      for (const [id, entry] of this.store) if (entry.grantId === grantId) this.forget(id);
    }
  };
}
