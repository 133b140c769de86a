import { afterEach, expect, it, vi } from 'vitest';
import { memoryAdapter } from '../../server/idp/memory-adapter.js';

// The mock identity providers' store (server/idp/memory-adapter.ts): oidc-provider's adapter contract, expired
// entries dropped without being looked up, and a bounded size where a full store forgets its oldest entry.

afterEach(() => {
  vi.useRealTimers();
});

const sizeOf = (adapter: object) => (adapter as { store: Map<string, unknown> }).store.size;

it('keeps oidc-provider’s contract: find, findByUid, findByUserCode, consume, destroy, revokeByGrantId', async () => {
  const Adapter = memoryAdapter();
  const grants = new Adapter('Grant');
  const tokens = new Adapter('AccessToken');
  await grants.upsert('g1', { accountId: 'a', kind: 'Grant' }, 60);
  await tokens.upsert('t1', { grantId: 'g1', uid: 'u1', userCode: 'C1', kind: 'AccessToken' }, 60);
  await tokens.upsert('t2', { grantId: 'g2', kind: 'AccessToken' }, 60);
  expect(await grants.find('g1')).toMatchObject({ accountId: 'a' });
  // Each model has its own store, shared by every instance of that model.
  expect(await new Adapter('Grant').find('g1')).toMatchObject({ accountId: 'a' });
  expect(await tokens.find('g1')).toBeUndefined();
  expect(await tokens.findByUid('u1')).toMatchObject({ grantId: 'g1' });
  expect(await tokens.findByUserCode('C1')).toMatchObject({ grantId: 'g1' });
  await tokens.consume('t1');
  expect((await tokens.find('t1'))?.consumed).toEqual(expect.any(Number));
  await tokens.revokeByGrantId('g1');
  expect(await tokens.find('t1')).toBeUndefined();
  expect(await tokens.find('t2')).toBeDefined();
  await grants.destroy('g1');
  expect(await grants.find('g1')).toBeUndefined();
  // A second call makes stores of its own (the Google-like and LINE-like providers never share state).
  await grants.upsert('g1', { kind: 'Grant' }, 60);
  expect(await new (memoryAdapter())('Grant').find('g1')).toBeUndefined();
});

it('drops expired entries as others are written, without their ids being looked up (expiresIn is in seconds)', async () => {
  vi.useFakeTimers({ now: 1_000_000 });
  const interactions = new (memoryAdapter())('Interaction');
  for (let i = 0; i < 100; i++) await interactions.upsert(`old${i}`, { kind: 'Interaction' }, 600);
  vi.advanceTimersByTime(599_000);
  expect(await interactions.find('old0')).toBeDefined();
  vi.advanceTimersByTime(2_000);
  // Each write looks at a few of the oldest: writes as many as there are expired entries and none is left.
  for (let i = 0; i < 100; i++) await interactions.upsert(`new${i}`, { kind: 'Interaction' }, 600);
  expect(sizeOf(interactions)).toBe(100);
  expect(await interactions.find('new0')).toBeDefined();
});

it('a full store keeps its size and forgets its oldest entry, never the newest or a rewritten one', async () => {
  const interactions = new (memoryAdapter(50))('Interaction');
  for (let i = 0; i < 50; i++) await interactions.upsert(`i${i}`, { kind: 'Interaction' }, 600);
  // Rewriting a stored entry (oidc-provider saves an Interaction as the user goes on) takes no room and forgets nothing.
  await interactions.upsert('i0', { kind: 'Interaction', result: {} }, 600);
  expect(sizeOf(interactions)).toBe(50);
  expect(await interactions.find('i0')).toMatchObject({ result: {} });
  for (let i = 0; i < 1000; i++) await interactions.upsert(`flood${i}`, { kind: 'Interaction' }, 600);
  expect(sizeOf(interactions)).toBe(50);
  expect(await interactions.find('i0')).toBeUndefined();
  expect(await interactions.find('flood999')).toBeDefined();
  expect(await interactions.find('flood950')).toBeDefined();
  expect(await interactions.find('flood949')).toBeUndefined();
});
