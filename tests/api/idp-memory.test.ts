import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { idpStrings } from '../../server/idp/strings.js';
import type { MockClient } from '../../server/mock-clients.js';
import { rawRequest } from '../support/raw-http.js';
import { SourceAgent } from '../support/source-agent.js';
import { startStack, type Stack } from '../support/stack.js';

// The mock identity providers run in the lab's own process, and anyone can start an authorization nobody finishes
// (the client id and redirect URI are public): each leaves an Interaction in memory. The store drops expired entries
// as it is written (server/idp/memory-adapter.ts) and the authorization endpoint is limited per address (server.ts).
// Before, an expired entry was forgotten only when its own id was looked up again, and nothing limited the rate.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stack.close();
});

/** An authorization request anyone can send (the client id and redirect URI are public), never finished. */
const authorizationPath = (client: MockClient, state = 's') =>
  `/google/auth?${new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: 'openid',
    state,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGlSZw2Q6k',
    code_challenge_method: 'S256',
  })}`;

it('forgets authorization requests that nobody finished once their lifetime is over', async () => {
  const idp = stack.running.idp!.identityProviders.google;
  const client = stack.running.idp!.clients.google;
  const store = (idp.Interaction as unknown as { adapter: { store: Map<string, unknown> } }).adapter.store;
  const authorize = () => fetch(`${stack.idpUrl}${authorizationPath(client)}`, { redirect: 'manual' });
  // One source, no cookies, back to back, under the per-address limit: every request is answered and kept.
  const statuses = new Set<number>();
  for (let i = 0; i < 250; i++) statuses.add((await authorize()).status);
  expect([...statuses]).toEqual([303]);
  expect(store.size).toBeGreaterThanOrEqual(250);
  // Twenty minutes later (an Interaction lives 10 minutes, identity-provider.ts ttl) all of them have expired.
  vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 20 * 60 * 1000);
  await authorize();
  for (let i = 0; i < 40; i++) await authorize();
  expect(store.size).toBeLessThanOrEqual(41);
});

it('limits authorization requests per address: the one over the limit gets a 429 page, another address does not', async () => {
  // RATE_LIMIT_PER_MINUTE=2: the providers take 5 × that, 10 authorizations a minute from one address.
  const limited = await startStack({ RATE_LIMIT_PER_MINUTE: '2' });
  try {
    const path = authorizationPath(limited.running.idp!.clients.google);
    const first = new SourceAgent(limited.idpUrl, '127.0.0.2');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await first.get(path)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    const over = await first.get<string>(path);
    expect(over.status).toBe(429);
    expect(over.body).toContain('data-kind="too-many"');
    expect((await new SourceAgent(limited.idpUrl, '127.0.0.3').get(path)).status).toBe(303);
  } finally {
    await limited.close();
  }
});

it('counts every spelling oidc-provider takes for the authorization endpoint, and logout, which stores a Session', async () => {
  // RATE_LIMIT_PER_MINUTE=2: 10 a minute from one address. `/auth/` and `/AUTH` are the authorization endpoint to
  // oidc-provider's router; a GET /session/end from a browser without a session stores one for an hour.
  const limited = await startStack({ RATE_LIMIT_PER_MINUTE: '2' });
  try {
    const google = limited.running.idp!.identityProviders.google;
    const sizeOf = (model: 'Interaction' | 'Session') =>
      (google[model] as unknown as { adapter: { store: Map<string, unknown> } }).adapter.store.size;
    const query = authorizationPath(limited.running.idp!.clients.google).split('?')[1];
    const source = '127.0.0.4';
    const statuses: number[] = [];
    for (const path of [`/google/auth/?${query}`, `/google/AUTH?${query}`, `/google/%61uth?${query}`])
      for (let i = 0; i < 3; i++) statuses.push((await new SourceAgent(limited.idpUrl, source).get(path)).status);
    // A new agent each time: no cookies, so each logout is a browser without a session.
    for (let i = 0; i < 3; i++)
      statuses.push((await new SourceAgent(limited.idpUrl, source).get('/google/session/end')).status);
    expect(statuses.filter((status) => status !== 429)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(sizeOf('Interaction') + sizeOf('Session')).toBeLessThanOrEqual(10);
    expect((await new SourceAgent(limited.idpUrl, '127.0.0.5').get('/google/session/end')).status).toBe(200);
  } finally {
    await limited.close();
  }
});

it('refuses an authorization or logout request longer than a real client sends: a page in the visitor language, nothing stored', async () => {
  // Each Interaction (or Session, for a logout) keeps the parameters it came with: a 50 KB state made a 50 KB entry.
  const google = stack.running.idp!.identityProviders.google;
  const client = stack.running.idp!.clients.google;
  const adapterOf = (model: 'Interaction' | 'Session') =>
    (google[model] as unknown as { adapter: { store: Map<string, { bytes: number }> } }).adapter;
  const sizes = () => [adapterOf('Interaction').store.size, adapterOf('Session').store.size];
  const before = sizes();
  const japanese = await fetch(`${stack.idpUrl}${authorizationPath(client, 's'.repeat(3000))}`, {
    headers: { 'accept-language': 'ja' },
    redirect: 'manual',
  });
  expect(japanese.status).toBe(414);
  const page = await japanese.text();
  expect(page).toContain('<html lang="ja">');
  expect(page).toContain('data-kind="too-large"');
  expect(page).toContain(idpStrings.ja.errorTooLarge);
  // The same in a form body (oidc-provider reads up to 56 KB of it), at the authorization endpoint and at logout.
  const form = new URLSearchParams(authorizationPath(client, 'n'.repeat(3000)).split('?')[1]);
  for (const path of ['/google/auth', '/google/session/end']) {
    const posted = await fetch(`${stack.idpUrl}${path}`, {
      method: 'POST',
      headers: { 'accept-language': 'en', 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    expect(posted.status, path).toBe(413);
    expect(await posted.text()).toContain(idpStrings.en.errorTooLarge);
  }
  // A body that does not say its length (chunked) could be any length: refused too (a browser's form always says it).
  const body = form.toString();
  const chunked = await rawRequest(
    stack.idpUrl,
    `POST /google/auth HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: ja\r\nConnection: close\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n` +
      `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
  );
  expect(chunked.status).toBe(413);
  expect(chunked.body).toContain(idpStrings.ja.errorTooLarge);
  expect(sizes()).toEqual(before);
  // At the limit, a request is taken; the worst case for its weight is a state of control characters (3 bytes in the
  // query, 6 characters in JSON) and one character beyond Latin-1 (the whole text then weighs two bytes a character):
  // even that entry weighs under 9,000 bytes, so filling 32 MB takes over 3,900 requests (docs/security.md).
  const base = authorizationPath(client, '').length - '/google/auth?'.length;
  const atLimit = authorizationPath(client, '\x01'.repeat(Math.floor((2048 - base - 9) / 3)) + 'あ');
  expect(atLimit.length - '/google/auth?'.length).toBeGreaterThan(2040);
  expect((await fetch(`${stack.idpUrl}${atLimit}`, { redirect: 'manual' })).status).toBe(303);
  const newest = [...adapterOf('Interaction').store.values()].at(-1)!;
  expect(newest.bytes).toBeGreaterThan(8_000);
  expect(newest.bytes).toBeLessThan(9_000);
  expect(Math.floor((32 * 1024 * 1024) / newest.bytes)).toBeGreaterThan(3_900);
});
