import type { Adapter, AdapterPayload } from 'oidc-provider';

type Entry = { payload: AdapterPayload; expiresAt: number };

/**
 * The mock identity providers keep their state in memory on purpose (a restart forgets pending logins, which is fine for a
 * lab). Each call returns an adapter class with its own stores, so two identity providers never share state, and with
 * expiry, so oidc-provider does not warn about its development adapter.
 */
export function memoryAdapter(): new (name: string) => Adapter {
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
      this.store.set(id, { payload, expiresAt: Date.now() + expiresIn * 1000 });
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
