import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';

// The account counters count a signed-in session's own requests for that session alone, and recovery has no ceiling
// over all sources (server/plugins/ceremony-limits.ts). Before, whoever held the owner's linked Google could use up the
// account-wide ceiling from a few addresses with that fallback session, and the owner at passkey assurance could not
// unlink that very login; strangers typing the owner's name could keep the owner from adding a passkey or asking for
// a recovery code.

const PER_MINUTE = 10; // per source; the account-wide ceiling is 5 × this
let stack: Stack;
const inbox: { username: string; code: string }[] = [];
beforeAll(async () => {
  stack = await startStack(
    { RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) },
    { ownerChannel: { deliver: (message) => void inbox.push(message) } },
  );
});
afterAll(async () => {
  await stack.close();
});

/** A GET from a chosen loopback address carrying the given Cookie header (the attacker's one session, many sources). */
function getFrom(source: string, url: string, cookie: string, json?: unknown): Promise<number> {
  const target = new URL(url);
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname,
        method: body === undefined ? 'GET' : 'POST',
        localAddress: source,
        headers: { host: target.host, cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      },
      (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve(incoming.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

it('a fallback session cannot keep the owner from unlinking it', async () => {
  const flows = accountFlows(stack);
  const owner = new BrowserLikeClient();
  await flows.signUpWithPasskey(owner, 'owner');
  await flows.linkGoogle(owner, 'hanako.demo@gmail.example');

  // The attacker holds the owner's linked Google identity and signs in with it (low assurance).
  const attacker = new BrowserLikeClient();
  expect(await flows.googleLogin(attacker, 'hanako.demo@gmail.example')).toBe(`${stack.labUrl}/account?via=google`);
  expect(await flows.session(attacker)).toMatchObject({ user: { username: 'owner' }, assurance: 'low' });
  const cookie = attacker.jar.getCookieStringSync(stack.labUrl);

  // From five other loopback addresses, as many fallback starts as each address's own limit allows.
  const statuses: number[] = [];
  for (const source of ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6']) {
    for (let i = 0; i < PER_MINUTE; i++)
      statuses.push(await getFrom(source, `${stack.labUrl}/auth/google/start`, cookie));
  }
  expect(statuses.filter((status) => status === 303).length).toBeGreaterThan(40);

  // The owner, at passkey assurance on their own address (which has made 2 fallback requests this minute), unlinks.
  const reply = await flows.unlink(owner, 'google');
  expect(reply.status, reply.body).toBe(303);
  expect(reply.location).toBe(`${stack.labUrl}/account?unlinked=google`);
  expect((await flows.session(attacker)).user).toBeNull();
});

// Recovery codes are capped by number and tries whatever the rate: a ceiling over all sources would only let strangers
// keep the owner from asking.
it("strangers typing the owner's name from a few addresses cannot keep the owner from recovering", async () => {
  await accountFlows(stack).signUpWithPasskey(new BrowserLikeClient(), 'owner2');
  const statuses: number[] = [];
  for (const source of ['127.0.0.7', '127.0.0.8', '127.0.0.9', '127.0.0.10', '127.0.0.11']) {
    for (let i = 0; i < PER_MINUTE; i++)
      statuses.push(
        await getFrom(source, `${stack.labUrl}/api/recovery/identity-proofing`, '', {
          username: 'owner2',
          code: '00000000',
        }),
      );
  }
  expect(statuses.filter((status) => status === 400).length).toBeGreaterThanOrEqual(45);
  const owner = new BrowserLikeClient();
  const asked = await owner.request(`${stack.labUrl}/api/recovery/code`, { json: { username: 'owner2' } });
  expect(asked.status, asked.body).toBe(202);
  expect(inbox.some((message) => message.username === 'owner2')).toBe(true);
});

it("strangers typing the owner's name from a few addresses cannot keep the signed-in owner from adding a passkey", async () => {
  const flows = accountFlows(stack);
  const owner = new BrowserLikeClient();
  await flows.signUpWithPasskey(owner, 'owner3');
  const statuses: number[] = [];
  for (const source of ['127.0.0.12', '127.0.0.13', '127.0.0.14', '127.0.0.15', '127.0.0.16']) {
    for (let i = 0; i < PER_MINUTE; i++)
      statuses.push(await getFrom(source, `${stack.labUrl}/api/authentication/options`, '', { username: 'owner3' }));
  }
  expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(45);
  const added = await flows.addPasskey(owner, 'owner3', new SoftAuthenticator({ origin: stack.labUrl }));
  expect(added.status, added.body).toBe(200);
});
