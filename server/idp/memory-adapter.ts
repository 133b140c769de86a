import type { Adapter, AdapterPayload } from 'oidc-provider';

type Entry = { payload: AdapterPayload; expiresAt: number };

/** Entries one model (Interaction, Session, Grant, ...) of one provider keeps at most. */
export const MAX_ENTRIES_PER_MODEL = 10_000;
/** How many of the oldest entries each write looks at to drop the expired ones. */
const SWEEP = 8;

/**
 * The mock identity providers keep their state in memory on purpose (a restart forgets pending logins, which is fine for a
 * lab). Each call returns an adapter class with its own stores, so two identity providers never share state, and with
 * expiry, so oidc-provider does not warn about its development adapter.
 *
 * Bounded, because anyone can make entries (an authorization request nobody finishes stays as an Interaction): each
 * write drops expired entries from the oldest end, and a full store forgets its oldest entry. That may cost someone a
 * sign-in in progress (they start again), where refusing new entries would stop every sign-in; the per-address limit
 * on the authorization endpoint (server.ts) means filling a store takes many addresses.
 */
export function memoryAdapter(maxEntries = MAX_ENTRIES_PER_MODEL): new (name: string) => Adapter {
  const stores = new Map<string, Map<string, Entry>>();
  return class MemoryAdapter implements Adapter {
    private readonly store: Map<string, Entry>;

    constructor(name: string) {
      if (!stores.has(name)) stores.set(name, new Map());
      this.store = stores.get(name)!;
    }

    private live(id: string) {
      const entry = this.store.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt < Date.now()) {
        this.store.delete(id);
        return undefined;
      }
      return entry.payload;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      const now = Date.now();
      // Map order is insertion order: the oldest entries come first (a rewrite keeps its place, so look a few deep).
      let looked = 0;
      for (const [key, entry] of this.store) {
        if (looked++ === SWEEP) break;
        if (entry.expiresAt < now) this.store.delete(key);
      }
      if (!this.store.has(id) && this.store.size >= maxEntries) this.store.delete(this.store.keys().next().value!);
      this.store.set(id, { payload, expiresAt: now + expiresIn * 1000 });
    }
    async find(id: string) {
      return this.live(id);
    }
    async findByUserCode(userCode: string) {
      for (const [id, entry] of this.store) if (entry.payload.userCode === userCode) return this.live(id);
      return undefined;
    }
    async findByUid(uid: string) {
      for (const [id, entry] of this.store) if (entry.payload.uid === uid) return this.live(id);
      return undefined;
    }
    async consume(id: string) {
      const payload = this.live(id);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      this.store.delete(id);
    }
    async revokeByGrantId(grantId: string) {
      for (const [id, entry] of this.store) if (entry.payload.grantId === grantId) this.store.delete(id);
    }
  };
}
