import { describe, expect, it } from 'vitest';
import { BrowserLikeClient, type Stack } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// Issue 15 points 3 and 13, over real HTTP: a challenge belongs to the browser and (for a new passkey on an existing
// account) the signed-in session that asked for it.

const lab = stackPerTest();

/** A browser: one cookie jar, JSON in and out. */
class Browser extends BrowserLikeClient {
  constructor(private readonly base: string) {
    super();
  }
  async json(path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const hop = await this.request(`${this.base}${path}`, body === undefined ? {} : { json: body });
    return { status: hop.status, body: hop.body ? JSON.parse(hop.body) : null };
  }
}

async function signUp(stack: Stack, username: string) {
  const browser = new Browser(stack.labUrl);
  const authenticator = new SoftAuthenticator({
    origin: stack.labUrl,
    transports: ['hybrid', 'internal'],
    backupEligible: true,
    backedUp: true,
  });
  const options = await browser.json('/api/registration/options', { username });
  expect(options.status).toBe(200);
  const verify = await browser.json('/api/registration/verify', {
    response: authenticator.createCredential(options.body),
  });
  expect(verify.status).toBe(200);
  return { browser, authenticator };
}

const passkeyCount = async (browser: Browser) => (await browser.json('/api/account')).body.credentials.length as number;

describe('registration challenges for an existing account are bound to the session that asked (point 3)', () => {
  it('options → logout → verify is refused, and logout clears the ceremony binding cookie', async () => {
    const { browser } = await signUp(lab.stack, 'owner');
    const intruder = new SoftAuthenticator({ origin: lab.stack.labUrl });
    const options = await browser.json('/api/registration/options', { username: 'owner' });
    expect(options.status).toBe(200);
    const bindingBefore = (await browser.jar.getCookies(lab.stack.labUrl)).find(
      (cookie) => cookie.key === 'lab_ceremony',
    );
    expect(bindingBefore).toBeDefined();

    expect((await browser.json('/api/session/logout', {})).status).toBe(200);
    expect(
      (await browser.jar.getCookies(lab.stack.labUrl)).find((cookie) => cookie.key === 'lab_ceremony'),
    ).toBeUndefined();

    // Even with the old binding cookie put back, the signed-out session is gone: no passkey, no sign-in.
    await browser.jar.setCookie(bindingBefore!, lab.stack.labUrl);
    const verify = await browser.json('/api/registration/verify', {
      response: intruder.createCredential(options.body),
    });
    expect(verify.status).toBe(403);
    expect(verify.body.error.code).toBe('session_changed');
    expect((await browser.json('/api/session')).body.user).toBeNull();
  });

  it('options → the owner\'s "sign out everywhere" → verify is refused and adds no passkey', async () => {
    const { browser: owner, authenticator } = await signUp(lab.stack, 'owner');
    // The attacker's browser holds a full session of the same account (a stolen passkey session, say).
    const attacker = new Browser(lab.stack.labUrl);
    const login = await attacker.json('/api/authentication/options', { username: 'owner' });
    expect(
      (await attacker.json('/api/authentication/verify', { response: authenticator.getAssertion(login.body) })).status,
    ).toBe(200);
    const options = await attacker.json('/api/registration/options', { username: 'owner' });
    expect(options.status).toBe(200);

    const everywhere = await owner.json('/api/session/logout-everywhere', {});
    expect(everywhere.status).toBe(200);
    expect(everywhere.body.revokedSessions).toBe(2);

    const verify = await attacker.json('/api/registration/verify', {
      response: new SoftAuthenticator({ origin: lab.stack.labUrl }).createCredential(options.body),
    });
    expect(verify.status).toBe(403);
    expect(verify.body.error.code).toBe('session_changed');
    expect((await attacker.json('/api/session')).body.user).toBeNull();

    const back = await owner.json('/api/authentication/options', { username: 'owner' });
    expect(
      (await owner.json('/api/authentication/verify', { response: authenticator.getAssertion(back.body) })).status,
    ).toBe(200);
    expect(await passkeyCount(owner)).toBe(1);
  });

  it('sign out everywhere needs a signed-in session', async () => {
    const anonymous = new Browser(lab.stack.labUrl);
    expect((await anonymous.json('/api/session/logout-everywhere', {})).status).toBe(401);
  });

  it('the asking session itself still adds its passkey', async () => {
    const { browser } = await signUp(lab.stack, 'owner');
    const options = await browser.json('/api/registration/options', { username: 'owner' });
    const verify = await browser.json('/api/registration/verify', {
      response: new SoftAuthenticator({ origin: lab.stack.labUrl }).createCredential(options.body),
    });
    expect(verify.status).toBe(200);
    expect(await passkeyCount(browser)).toBe(2);
  });
});

describe("a stranger's attempt does not burn the owner's challenge (point 13)", () => {
  it('login: the stranger is refused and the owner still signs in with the same challenge', async () => {
    const { authenticator } = await signUp(lab.stack, 'owner');
    const owner = new Browser(lab.stack.labUrl);
    const stranger = new Browser(lab.stack.labUrl);
    const options = await owner.json('/api/authentication/options', { username: 'owner' });
    const assertion = authenticator.getAssertion(options.body);

    const stolen = await stranger.json('/api/authentication/verify', { response: assertion });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.code).toBe('challenge_session_mismatch');
    const report = await stranger.json('/api/authentication/failure', {
      name: 'NotAllowedError',
      challenge: options.body.challenge,
    });
    expect(report.status).toBe(404);

    const verify = await owner.json('/api/authentication/verify', { response: assertion });
    expect(verify.status).toBe(200);
    expect(verify.body.user.username).toBe('owner');
  });

  it('sign-up: a stranger replaying the response does not cancel the sign-up', async () => {
    const owner = new Browser(lab.stack.labUrl);
    const stranger = new Browser(lab.stack.labUrl);
    const options = await owner.json('/api/registration/options', { username: 'newcomer' });
    const response = new SoftAuthenticator({ origin: lab.stack.labUrl }).createCredential(options.body);
    const stolen = await stranger.json('/api/registration/verify', { response });
    expect(stolen.status).toBe(403);
    const verify = await owner.json('/api/registration/verify', { response });
    expect(verify.status).toBe(200);
    expect((await owner.json('/api/session')).body.user).toEqual({ username: 'newcomer' });
  });
});
