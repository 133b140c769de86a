import { expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerFile } from '../support/stack-per-test.js';

// A session lives no longer than what signed it in (docs/security.md, "Sessions"): unlinking a fallback login ends
// the account's sessions that came through it, in the unlink's transaction. Found by the security review of session
// 10: a Google-like session kept /api/account after the owner unlinked Google. Real HTTP, real mock provider.

const lab = stackPerFile();

it('unlinking a login ends the sessions signed in through it, and only those', async () => {
  const flows = accountFlows(lab.stack);
  const { api } = lab;
  const owner = new BrowserLikeClient();
  const ownerKey = await flows.signUpWithPasskey(owner, 'unlink-owner');
  await flows.linkGoogle(owner, 'taro.personal@gmail.example');
  const viaGoogle = new BrowserLikeClient();
  expect(await flows.googleLogin(viaGoogle, 'taro.personal@gmail.example')).toBe(api('/account?via=google'));
  expect(await flows.session(viaGoogle)).toMatchObject({ method: 'social:google', assurance: 'low' });
  const ownerElsewhere = new BrowserLikeClient();
  expect((await flows.passkeyLogin(ownerElsewhere, 'unlink-owner', ownerKey)).status).toBe(200);

  const unlinked = await flows.unlink(owner, 'google');
  expect(unlinked.status, unlinked.body).toBe(303);
  expect(unlinked.location).toBe(api('/account?unlinked=google'));
  expect((await flows.account(owner)).identities).toEqual([]);

  expect((await flows.session(viaGoogle)).user).toBeNull();
  expect((await viaGoogle.request(api('/api/account'))).status).toBe(401);
  // The passkey sessions, the one that unlinked and another, stay.
  expect(await flows.session(owner)).toMatchObject({ user: { username: 'unlink-owner' }, assurance: 'high' });
  expect(await flows.session(ownerElsewhere)).toMatchObject({ user: { username: 'unlink-owner' }, assurance: 'high' });
  const row = lab.stack.running.lab.db
    .prepare("SELECT detail FROM ceremonies WHERE kind = 'identity.unlink' ORDER BY id DESC")
    .get() as { detail: string };
  expect(JSON.parse(row.detail)).toEqual({ provider: 'google', revokedSessions: 1 });
}, 120_000);
