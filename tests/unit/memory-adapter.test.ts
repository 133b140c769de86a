import { afterEach, expect, it, vi } from 'vitest';
import { MAX_BYTES_PER_MODEL, memoryAdapter } from '../../server/idp/memory-adapter.js';

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
  // Rewriting a stored entry (oidc-provider saves an Interaction as the user goes on) takes no room and forgets
  // nothing.
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

/** What the store holds, measured apart from its own count: the characters of its ids and entries (as JSON). */
const heldBy = (adapter: object) => JSON.stringify([...(adapter as { store: Map<string, unknown> }).store]).length;

it('weighs what it keeps: many large entries stay under the byte budget, the oldest forgotten, the newest kept', async () => {
  // An authorization request with a long state (or nonce, ...) makes an Interaction that echoes it: 50 KB each here.
  // 800 of them are 40 million characters; the default budget is 32 MB a model, counted as the strings take in memory.
  const interactions = new (memoryAdapter())('Interaction');
  const long = 's'.repeat(50_000);
  for (let i = 0; i < 800; i++)
    await interactions.upsert(`i${i}`, { kind: 'Interaction', params: { state: `${i}${long}` } }, 600);
  // Latin-1 text takes a byte a character in memory: what the store holds stays under 32 MB.
  expect(heldBy(interactions)).toBeLessThanOrEqual(32 * 1024 * 1024);
  expect(heldBy(interactions)).toBeGreaterThan(30 * 1024 * 1024);
  expect((interactions as unknown as { bytes: number }).bytes).toBeLessThanOrEqual(MAX_BYTES_PER_MODEL);
  expect(sizeOf(interactions)).toBeLessThan(700);
  expect(await interactions.find('i0')).toBeUndefined();
  expect(await interactions.find('i799')).toMatchObject({ params: { state: `799${long}` } });
  // Small entries written after the flood are kept (the oldest large ones go to make room).
  for (let i = 0; i < 100; i++) await interactions.upsert(`small${i}`, { kind: 'Interaction' }, 600);
  expect(await interactions.find('small0')).toBeDefined();
  expect(await interactions.find('i799')).toBeDefined();
  expect((interactions as unknown as { bytes: number }).bytes).toBeLessThanOrEqual(MAX_BYTES_PER_MODEL);
});

it('counts text beyond Latin-1 (two bytes a character in memory) twice, and a rewrite at its new weight', async () => {
  const sessions = new (memoryAdapter(10_000, 1_000_000))('Session');
  const japanese = 'あ'.repeat(10_000);
  for (let i = 0; i < 100; i++) await sessions.upsert(`s${i}`, { kind: 'Session', state: { state: japanese } }, 3600);
  // 10,000 characters at two bytes each: at most 49 entries of about 20 KB fit in 1,000,000 bytes.
  expect(sizeOf(sessions)).toBeLessThan(50);
  expect(2 * heldBy(sessions)).toBeLessThanOrEqual(1_000_000);
  expect(await sessions.find('s99')).toMatchObject({ state: { state: japanese } });
  // A stored entry rewritten small gives its room back; the next large write forgets nothing more than it needs.
  const before = sizeOf(sessions);
  await sessions.upsert('s99', { kind: 'Session' }, 3600);
  await sessions.upsert('s100', { kind: 'Session', state: { state: japanese } }, 3600);
  expect(sizeOf(sessions)).toBe(before + 1);
  expect(await sessions.find('s99')).toEqual({ kind: 'Session' });
});

it('keeps copies: changing a found payload changes nothing stored (the weight stays that of what is stored)', async () => {
  const sessions = new (memoryAdapter())('Session');
  await sessions.upsert('s1', { kind: 'Session', authorizations: {} }, 3600);
  const found = (await sessions.find('s1'))!;
  (found.authorizations as Record<string, unknown>).other = { padding: 'x'.repeat(100_000) };
  expect(await sessions.find('s1')).toEqual({ kind: 'Session', authorizations: {} });
  await sessions.consume('s1');
  expect(await sessions.find('s1')).toMatchObject({ authorizations: {}, consumed: expect.any(Number) });
  expect((sessions as unknown as { bytes: number }).bytes).toBeLessThan(1_000);
});
