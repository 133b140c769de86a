import { beforeEach, describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// One assurance rule for every credential change (issue 15 point 16) and the last way in (point 11), over real HTTP.

const lab = stackPerTest();
const { api } = lab;
let flows: ReturnType<typeof accountFlows>;

// After stackPerTest's own beforeEach (hooks run in the order they are declared).
beforeEach(() => {
  flows = accountFlows(lab.stack);
});

const errorCode = (body: string) => (JSON.parse(body) as { error?: { code?: string } }).error?.code;
const idOf = (authenticator: SoftAuthenticator, index = 0) =>
  Buffer.from(authenticator.credentials[index]!.id).toString('base64url');

describe('a fallback session changes no credential (point 16)', () => {
  it('cannot rename, delete or add a passkey, nor link or unlink a login; a passkey session can rename', async () => {
    const owner = new BrowserLikeClient();
    const key = await flows.signUpWithPasskey(owner, 'rename-owner');
    await flows.linkGoogle(owner, 'taro.personal@gmail.example');
    const fallback = new BrowserLikeClient();
    expect(await flows.googleLogin(fallback, 'taro.personal@gmail.example')).toBe(api('/account?via=google'));

    const rename = await fallback.request(api(`/api/account/credentials/${idOf(key)}`), {
      method: 'PATCH',
      json: { label: 'renamed by someone else' },
    });
    expect(rename.status).toBe(403);
    expect(errorCode(rename.body)).toBe('step_up_required');
    const remove = await fallback.request(api(`/api/account/credentials/${idOf(key)}`), { method: 'DELETE' });
    expect(errorCode(remove.body)).toBe('step_up_required');
    expect(
      errorCode(
        (await flows.addPasskey(fallback, 'rename-owner', new SoftAuthenticator({ origin: lab.stack.labUrl }))).body,
      ),
    ).toBe('step_up_required');
    expect((await flows.unlink(fallback, 'google')).location).toBe(api('/account?error=step_up_required'));
    expect((await flows.account(owner)).credentials).toMatchObject([{ id: idOf(key), label: null }]);

    const ownRename = await owner.request(api(`/api/account/credentials/${idOf(key)}`), {
      method: 'PATCH',
      json: { label: 'My phone' },
    });
    expect(ownRename.status).toBe(200);
    expect((await flows.account(owner)).credentials).toMatchObject([{ label: 'My phone' }]);
  });

  it('says on each credential route who may call it (OpenAPI)', async () => {
    const paths = (await (await fetch(api('/api/docs/json'))).json()).paths as Record<
      string,
      Record<string, { description?: string }>
    >;
    expect(paths['/api/account/credentials/{id}']!.patch!.description).toMatch(
      /Who may call: a session with a passkey verified/,
    );
    expect(paths['/api/account/credentials/{id}']!.delete!.description).toMatch(
      /registered before the account's last recovery/,
    );
    expect(paths['/api/recovery/code']!.post!.description).toMatch(/signed-out browser only/);
  });
});

describe('the last way to sign in (point 11)', () => {
  it('an account cannot delete its last passkey when no linked login can sign in', async () => {
    const owner = new BrowserLikeClient();
    const key = await flows.signUpWithPasskey(owner, 'last-key');
    const last = await owner.request(api(`/api/account/credentials/${idOf(key)}`), { method: 'DELETE' });
    expect(last.status).toBe(409);
    expect(errorCode(last.body)).toBe('last_sign_in_method');
    expect((await flows.account(owner)).credentials).toHaveLength(1);

    // With a second passkey either may go, but not both. (The session keeps passkey assurance while the passkey it
    // signed in with, the first, stays: deleting that one first would leave it needing a step-up.)
    expect((await flows.addPasskey(owner, 'last-key', key)).status).toBe(200);
    expect((await owner.request(api(`/api/account/credentials/${idOf(key, 1)}`), { method: 'DELETE' })).status).toBe(
      200,
    );
    expect(
      errorCode((await owner.request(api(`/api/account/credentials/${idOf(key, 0)}`), { method: 'DELETE' })).body),
    ).toBe('last_sign_in_method');
    // An unknown id is still a 404, not a hint about the account.
    expect((await owner.request(api('/api/account/credentials/not-a-credential'), { method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it('a linked login counts while it can sign in: the passkey may go, then the login may not; a flagged login does not count', async () => {
    const owner = new BrowserLikeClient();
    const key = await flows.signUpWithPasskey(owner, 'login-left');
    await flows.linkGoogle(owner, 'hanako.demo@gmail.example');
    const accountId = lab.stack.running.lab.repos.accounts.findByUsername('login-left')!.id;

    // Waiting to be confirmed again, the Google-like login cannot sign in: the passkey is the last way in.
    lab.stack.running.lab.repos.identities.requireReconfirmation(accountId);
    expect(
      errorCode((await owner.request(api(`/api/account/credentials/${idOf(key)}`), { method: 'DELETE' })).body),
    ).toBe('last_sign_in_method');

    expect((await owner.request(api('/api/account/identities/google/confirm'), { json: {} })).status).toBe(200);
    expect((await owner.request(api(`/api/account/credentials/${idOf(key)}`), { method: 'DELETE' })).status).toBe(200);
    // The session deleted the passkey it signed in with, so it is low now (docs/security.md, "Sessions"); with no
    // passkey left, no session of this account reaches passkey assurance, and the login stays.
    const unlink = await flows.unlink(owner, 'google');
    expect(unlink.status).toBe(303);
    expect(unlink.location).toBe(api('/account?error=step_up_required'));
    expect((await flows.account(owner)).identities).toMatchObject([{ provider: 'google' }]);
  });
});
