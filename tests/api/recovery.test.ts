import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';

// Lost-phone recovery and the takeover chain of issue 15 (points 1 and 2), over real HTTP with the mock providers.
// The owner's "other channel" (in `npm start`: the server console) is an inbox here, so the test plays the owner.
// A fresh stack per test: the two Google-like demo identities can each be linked to one account only.

let stack: Stack;
let flows: ReturnType<typeof accountFlows>;
let inbox: { username: string; code: string }[] = [];
const TARO_GOOGLE = 'taro.personal@gmail.example';
const HANAKO_GOOGLE = 'hanako.demo@gmail.example';

beforeEach(async () => {
  inbox = [];
  stack = await startStack({}, { ownerChannel: { deliver: (message) => void inbox.push(message) } });
  flows = accountFlows(stack);
});
afterEach(async () => {
  await stack.close();
});

const api = (path: string) => `${stack.labUrl}${path}`;
const codesFor = (username: string) =>
  inbox.filter((message) => message.username === username).map((message) => message.code);
const errorCode = (body: string) => (JSON.parse(body) as { error?: { code?: string } }).error?.code;

/** The owner, signed out in a fresh browser: asks for a code, reads it on the other channel, enters it. */
async function ownerRecovers(username: string) {
  const browser = new BrowserLikeClient();
  const asked = await browser.request(api('/api/recovery/code'), { json: { username } });
  expect(asked.status, asked.body).toBe(202);
  const code = codesFor(username).at(-1)!;
  const done = await browser.request(api('/api/recovery/identity-proofing'), { json: { username, code } });
  expect(done.status, done.body).toBe(200);
  return {
    browser,
    reply: JSON.parse(done.body) as {
      revokedSessions: number;
      identitiesToReconfirm: number;
      mayRegisterPasskey: boolean;
    },
  };
}

describe('the observed takeover chain (issue 15 point 2)', () => {
  it('Google fallback login → identity proofing → attacker passkey → owner passkey deleted: stops at identity proofing, and every later step is refused too', async () => {
    const owner = new BrowserLikeClient();
    const ownerKey = await flows.signUpWithPasskey(owner, 'chain-owner');
    await flows.linkGoogle(owner, TARO_GOOGLE);

    // 1. The attacker controls the linked Google account and logs in with it: a low-assurance session.
    const attacker = new BrowserLikeClient();
    expect(await flows.googleLogin(attacker, TARO_GOOGLE)).toBe(api('/account?via=google'));
    expect(await flows.session(attacker)).toMatchObject({ user: { username: 'chain-owner' }, assurance: 'low' });

    // 2. Identity proofing from that session: refused (it used to succeed, sign the owner out and set "recovered").
    const proofing = await attacker.request(api('/api/recovery/identity-proofing'), { json: {} });
    expect(proofing.status).toBe(403);
    expect(errorCode(proofing.body)).toBe('sign_out_first');
    const askCode = await attacker.request(api('/api/recovery/code'), { json: { username: 'chain-owner' } });
    expect(askCode.status).toBe(403);
    expect(codesFor('chain-owner')).toEqual([]);
    expect((await flows.session(owner)).user).toEqual({ username: 'chain-owner' });

    // 3. The attacker's passkey: still needs a passkey step-up.
    const attackerKey = new SoftAuthenticator({ origin: stack.labUrl });
    const register = await flows.addPasskey(attacker, 'chain-owner', attackerKey);
    expect(register.status).toBe(403);
    expect(errorCode(register.body)).toBe('step_up_required');
    expect(await flows.session(attacker)).toMatchObject({ assurance: 'low' });

    // 4. Deleting the owner's passkey: refused, and it is still there.
    const ownerCredentialId = Buffer.from(ownerKey.credentials[0]!.id).toString('base64url');
    const remove = await attacker.request(api(`/api/account/credentials/${ownerCredentialId}`), { method: 'DELETE' });
    expect(remove.status).toBe(403);
    expect((await flows.account(owner)).credentials.map((credential) => credential.id)).toEqual([ownerCredentialId]);
  });

  it("a signed-out stranger who asks for a code gets the same answer for real and unknown names, and the code goes only to the owner's channel", async () => {
    const owner = new BrowserLikeClient();
    await flows.signUpWithPasskey(owner, 'quiet-owner');
    const stranger = new BrowserLikeClient();
    const known = await stranger.request(api('/api/recovery/code'), { json: { username: 'quiet-owner' } });
    const unknown = await stranger.request(api('/api/recovery/code'), { json: { username: 'nobody-here' } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    expect(known.body).not.toMatch(/\d{6}/);
    expect(codesFor('quiet-owner')).toHaveLength(1);
    expect(codesFor('nobody-here')).toEqual([]);
    const guess = await stranger.request(api('/api/recovery/identity-proofing'), {
      json: { username: 'quiet-owner', code: '00000000' },
    });
    const guessUnknown = await stranger.request(api('/api/recovery/identity-proofing'), {
      json: { username: 'nobody-here', code: '00000000' },
    });
    expect([guess.status, guessUnknown.status]).toEqual([400, 400]);
    expect(guess.body).toBe(guessUnknown.body);
    expect((await flows.session(owner)).user).toEqual({ username: 'quiet-owner' });
  });
});

describe('the proofing code', () => {
  it('is bound to the browser that asked, burnt after five wrong tries, single use and expires', async () => {
    await flows.signUpWithPasskey(new BrowserLikeClient(), 'code-owner');
    const browser = new BrowserLikeClient();
    await browser.request(api('/api/recovery/code'), { json: { username: 'code-owner' } });
    const code = codesFor('code-owner').at(-1)!;
    // Another browser cannot use it.
    const elsewhere = await new BrowserLikeClient().request(api('/api/recovery/identity-proofing'), {
      json: { username: 'code-owner', code },
    });
    expect(errorCode(elsewhere.body)).toBe('proofing_code_invalid');
    // Five wrong tries burn it; the right code is refused afterwards.
    const wrong = code === '11111111' ? '22222222' : '11111111';
    for (let i = 0; i < 5; i++)
      expect(
        errorCode(
          (
            await browser.request(api('/api/recovery/identity-proofing'), {
              json: { username: 'code-owner', code: wrong },
            })
          ).body,
        ),
      ).toBe('proofing_code_invalid');
    expect(
      errorCode(
        (await browser.request(api('/api/recovery/identity-proofing'), { json: { username: 'code-owner', code } }))
          .body,
      ),
    ).toBe('proofing_code_invalid');

    // A fresh code works once.
    await browser.request(api('/api/recovery/code'), { json: { username: 'code-owner' } });
    const fresh = codesFor('code-owner').at(-1)!;
    expect(
      (await browser.request(api('/api/recovery/identity-proofing'), { json: { username: 'code-owner', code: fresh } }))
        .status,
    ).toBe(200);
    await browser.request(api('/api/session/logout'), { json: {} });
    expect(
      errorCode(
        (
          await browser.request(api('/api/recovery/identity-proofing'), {
            json: { username: 'code-owner', code: fresh },
          })
        ).body,
      ),
    ).toBe('proofing_code_invalid');

    // An expired code is refused (the clock moves by rewriting its expiry).
    await browser.request(api('/api/recovery/code'), { json: { username: 'code-owner' } });
    const late = codesFor('code-owner').at(-1)!;
    stack.running.lab.db.prepare('UPDATE recovery_codes SET expires_at = ?').run(Date.now() - 1);
    expect(
      errorCode(
        (
          await browser.request(api('/api/recovery/identity-proofing'), {
            json: { username: 'code-owner', code: late },
          })
        ).body,
      ),
    ).toBe('proofing_code_invalid');
  });

  it('sends at most a few codes an hour to one owner, whoever asks', async () => {
    await flows.signUpWithPasskey(new BrowserLikeClient(), 'flooded-owner');
    for (let i = 0; i < 8; i++) {
      const reply = await new BrowserLikeClient().request(api('/api/recovery/code'), {
        json: { username: 'flooded-owner' },
      });
      expect(reply.status).toBe(202);
    }
    expect(codesFor('flooded-owner')).toHaveLength(5);
  });
});

describe('after a completed identity proofing', () => {
  it('signs every other session out, flags linked logins, lets the new session add one passkey, but not delete the older one or unlink', async () => {
    const phone = new BrowserLikeClient();
    const oldKey = await flows.signUpWithPasskey(phone, 'lost-owner');
    await flows.linkGoogle(phone, HANAKO_GOOGLE);

    const { browser, reply } = await ownerRecovers('lost-owner');
    expect(reply).toMatchObject({ revokedSessions: 1, identitiesToReconfirm: 1, mayRegisterPasskey: true });
    expect((await flows.session(phone)).user).toBeNull();
    expect(await flows.session(browser)).toMatchObject({
      user: { username: 'lost-owner' },
      method: 'recovery',
      assurance: 'low',
    });
    // The recovered session can neither rename, delete nor unlink before it has a passkey.
    const oldId = Buffer.from(oldKey.credentials[0]!.id).toString('base64url');
    expect((await browser.request(api(`/api/account/credentials/${oldId}`), { method: 'DELETE' })).status).toBe(403);

    const newKey = new SoftAuthenticator({ origin: stack.labUrl });
    const added = await flows.addPasskey(browser, 'lost-owner', newKey);
    expect(added.status, added.body).toBe(200);
    expect(await flows.session(browser)).toMatchObject({ method: 'passkey', assurance: 'high' });

    // Passkey assurance, but from a passkey made after the recovery: no deleting older passkeys, no unlinking.
    const remove = await browser.request(api(`/api/account/credentials/${oldId}`), { method: 'DELETE' });
    expect(remove.status).toBe(403);
    expect(errorCode(remove.body)).toBe('original_passkey_required');
    const page = (await browser.request(api('/link/google/confirm?action=unlink'))).body;
    expect(page).toContain('data-code="original_passkey_required"');
    // The form post's refusal goes back to the account page with its code (plugins/errors.ts).
    const unlinked = await flows.unlink(browser, 'google');
    expect(unlinked.status).toBe(303);
    expect(unlinked.location).toBe(api('/account?error=original_passkey_required'));
    expect((await flows.account(browser)).credentials).toHaveLength(2);

    // A step-up with the passkey registered before the recovery lifts that.
    expect((await flows.passkeyLogin(browser, 'lost-owner', oldKey)).status).toBe(200);
    const newId = Buffer.from(newKey.credentials[0]!.id).toString('base64url');
    expect((await browser.request(api(`/api/account/credentials/${newId}`), { method: 'DELETE' })).status).toBe(200);
  });

  it("during the hold the recovered party cannot rename the owner's older passkeys, only the one it added", async () => {
    const phone = new BrowserLikeClient();
    const oldKey = await flows.signUpWithPasskey(phone, 'relabel-owner');
    const { browser } = await ownerRecovers('relabel-owner');
    const newKey = new SoftAuthenticator({ origin: stack.labUrl });
    expect((await flows.addPasskey(browser, 'relabel-owner', newKey)).status).toBe(200);
    const idOf = (key: SoftAuthenticator) => Buffer.from(key.credentials[0]!.id).toString('base64url');
    const rename = (id: string, label: string) =>
      browser.request(api(`/api/account/credentials/${id}`), { method: 'PATCH', json: { label } });

    const refused = await rename(idOf(oldKey), 'Old phone - lost, delete me');
    expect(refused.status).toBe(403);
    expect(errorCode(refused.body)).toBe('original_passkey_required');
    expect((await rename(idOf(newKey), 'New phone')).status).toBe(200);
    const labels = (await flows.account(browser)).credentials.map((credential) => credential.label);
    expect(labels).not.toContain('Old phone - lost, delete me');

    // With the older passkey (the owner), or once the hold is over, renaming it works again.
    expect((await flows.passkeyLogin(browser, 'relabel-owner', oldKey)).status).toBe(200);
    expect((await rename(idOf(oldKey), 'Phone')).status).toBe(200);
    expect((await flows.passkeyLogin(browser, 'relabel-owner', newKey)).status).toBe(200);
    expect((await rename(idOf(oldKey), 'Phone again')).status).toBe(403);
    const aWeekAndASecond = 7 * 24 * 3600 * 1000 + 1000;
    stack.running.lab.db
      .prepare('UPDATE account_recoveries SET recovered_at = recovered_at - ?, hold_until = hold_until - ?')
      .run(aWeekAndASecond, aWeekAndASecond);
    expect((await rename(idOf(oldKey), 'Phone again')).status).toBe(200);
  });

  it('the hold ends: a week after the recovery the new passkey may delete the lost one', async () => {
    const phone = new BrowserLikeClient();
    const oldKey = await flows.signUpWithPasskey(phone, 'held-owner');
    const { browser } = await ownerRecovers('held-owner');
    await flows.addPasskey(browser, 'held-owner', new SoftAuthenticator({ origin: stack.labUrl }));
    const oldId = Buffer.from(oldKey.credentials[0]!.id).toString('base64url');
    expect((await browser.request(api(`/api/account/credentials/${oldId}`), { method: 'DELETE' })).status).toBe(403);
    const aWeekAndASecond = 7 * 24 * 3600 * 1000 + 1000;
    stack.running.lab.db
      .prepare('UPDATE account_recoveries SET recovered_at = recovered_at - ?, hold_until = hold_until - ?')
      .run(aWeekAndASecond, aWeekAndASecond);
    expect((await browser.request(api(`/api/account/credentials/${oldId}`), { method: 'DELETE' })).status).toBe(200);
  });
});

describe('linked logins flagged "confirm again" (issue 15 point 1)', () => {
  it('are refused at fallback sign-in with the not-linked message until the owner confirms them at passkey assurance', async () => {
    const phone = new BrowserLikeClient();
    const ownerKey = await flows.signUpWithPasskey(phone, 'flag-owner');
    // An earlier link (for example planted by someone who once had a passkey session).
    await flows.linkGoogle(phone, TARO_GOOGLE);
    await ownerRecovers('flag-owner');

    const attacker = new BrowserLikeClient();
    const refused = await flows.googleLogin(attacker, TARO_GOOGLE);
    expect(refused).toBe(api('/login?error=not_linked'));
    expect((await flows.session(attacker)).user).toBeNull();

    // The owner confirms it again: a fallback session cannot, a passkey session can.
    const owner = new BrowserLikeClient();
    expect((await flows.passkeyLogin(owner, 'flag-owner', ownerKey)).status).toBe(200);
    const confirmed = await owner.request(api('/api/account/identities/google/confirm'), { json: {} });
    expect(confirmed.status, confirmed.body).toBe(200);
    expect((await flows.account(owner)).identities).toMatchObject([{ provider: 'google', needsReconfirm: false }]);
    expect(await flows.googleLogin(new BrowserLikeClient(), TARO_GOOGLE)).toBe(api('/account?via=google'));
  });

  it('the refusal reads exactly like an unlinked login, on the page and in the redirect', async () => {
    const phone = new BrowserLikeClient();
    await flows.signUpWithPasskey(phone, 'flag-neutral');
    await flows.linkGoogle(phone, HANAKO_GOOGLE);
    stack.running.lab.repos.identities.requireReconfirmation(
      stack.running.lab.repos.accounts.findByUsername('flag-neutral')!.id,
    );
    const flagged = await flows.googleLogin(new BrowserLikeClient(), HANAKO_GOOGLE);
    expect(flagged).toBe(api('/login?error=not_linked'));
  });
});
