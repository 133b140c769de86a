import { afterAll, beforeAll, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';

// A recovery while the recovery hold runs keeps the first recovery as the boundary and only lengthens the hold
// (migration 013). Before, each recovery moved the boundary: whoever completed a recovery through a compromised other
// channel (the case the hold exists for, docs/security.md "Recovery") registered a passkey, recovered once more, and
// that passkey then counted as the owner's own and could delete the owner's passkey at once.

let stack: Stack;
const inbox: { username: string; code: string }[] = [];
beforeAll(async () => {
  stack = await startStack({}, { ownerChannel: { deliver: (message) => void inbox.push(message) } });
});
afterAll(async () => {
  await stack.close();
});

const api = (path: string) => `${stack.labUrl}${path}`;

/** Identity proofing in a fresh, signed-out browser with the newest code on the (compromised) other channel. */
async function recover(username: string) {
  const browser = new BrowserLikeClient();
  expect((await browser.request(api('/api/recovery/code'), { json: { username } })).status).toBe(202);
  const code = inbox.filter((message) => message.username === username).at(-1)!.code;
  const done = await browser.request(api('/api/recovery/identity-proofing'), { json: { username, code } });
  expect(done.status, done.body).toBe(200);
  return browser;
}

it("a second recovery does not turn the recovering party's passkey into one that may delete the owner's", async () => {
  const flows = accountFlows(stack);
  const ownersPhone = new BrowserLikeClient();
  const ownerKey = await flows.signUpWithPasskey(ownersPhone, 'victim');
  const ownerKeyId = Buffer.from(ownerKey.credentials[0]!.id).toString('base64url');

  // First recovery by whoever reads the owner's other channel; they register their own passkey.
  const first = await recover('victim');
  const attackerKey = new SoftAuthenticator({ origin: stack.labUrl });
  expect((await flows.addPasskey(first, 'victim', attackerKey)).status).toBe(200);
  // The hold works so far: that passkey may not delete the owner's.
  const refused = await first.request(api(`/api/account/credentials/${ownerKeyId}`), { method: 'DELETE' });
  expect(refused.status).toBe(403);

  // A second recovery, then a sign-in with the passkey registered after the first one.
  await recover('victim');
  const later = new BrowserLikeClient();
  expect((await flows.passkeyLogin(later, 'victim', attackerKey)).status).toBe(200);
  const remove = await later.request(api(`/api/account/credentials/${ownerKeyId}`), { method: 'DELETE' });
  expect(remove.status, remove.body).toBe(403);
  expect(JSON.parse(remove.body).error.code).toBe('original_passkey_required');
  expect((await flows.account(later)).credentials).toHaveLength(2);
});
