import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LINE_LIKE_ACCOUNTS } from '../../server/idp/accounts.js';
import { CODE_TTL_MS } from '../../server/idp/line-like/phone-codes.js';
import { seedStory } from '../../server/lab/story.js';
import { accountFlows } from '../support/account-flows.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { BrowserLikeClient, formOf, last, startStack, type Stack } from '../support/stack.js';

// Full authorization-code flows against the real mock providers over real HTTP: no mocks of the OIDC libraries.

let stack: Stack;
let clockOffset = 0;
const TARO_LINE = LINE_LIKE_ACCOUNTS[0]!;

beforeAll(async () => {
  stack = await startStack({}, { idpClock: () => Date.now() + clockOffset });
  seedStory(stack.running.lab.repos, stack.config);
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => {
  clockOffset = 0;
});

function lastRejection() {
  const row = stack.running.lab.db
    .prepare("SELECT detail FROM ceremonies WHERE kind = 'fallback.login' AND outcome = 'rejected' ORDER BY id DESC")
    .get() as { detail: string };
  return JSON.parse(row.detail) as Record<string, unknown>;
}

async function session(client: BrowserLikeClient) {
  return JSON.parse((await client.request(`${stack.labUrl}/api/session`)).body) as {
    user: { username: string } | null;
    method: string | null;
    assurance: string | null;
  };
}

/** LINE-like login up to the 4-digit code page; returns that page's URL and the code it shows. */
async function lineUntilCode(client: BrowserLikeClient, email = TARO_LINE.email, password = TARO_LINE.password) {
  const toLogin = await client.follow(`${stack.labUrl}/auth/line/start`);
  const loginPage = last(toLogin);
  expect(loginPage.status).toBe(200);
  expect(loginPage.body).toContain('デモ用の模擬画面');
  const form = formOf(loginPage.body);
  const afterLogin = await client.follow(new URL(form.action, stack.idpUrl).href, {
    form: { ...form.inputs, email, password },
  });
  const codePage = last(afterLogin);
  const code = /data-testid="line-code">(\d{4})</.exec(codePage.body)?.[1];
  return { codePageUrl: codePage.url, code, codePage };
}

/** "LINE on your phone": its own browser, signed in to LINE-like with the password and the demo SMS code. */
async function signedInPhone(account = TARO_LINE) {
  const phone = new BrowserLikeClient();
  const form = formOf(last(await phone.follow(`${stack.idpUrl}/ui/line/phone`)).body);
  const signedIn = last(
    await phone.follow(new URL(form.action, stack.idpUrl).href, {
      form: { ...form.inputs, email: account.email, password: account.password, sms: account.phoneSmsCode! },
    }),
  );
  expect(signedIn.body).toContain('data-testid="phone-account"');
  return phone;
}

/** The newest login waiting on the phone: its form (with the pending login's id), or undefined. */
async function waitingOnPhone(phone: BrowserLikeClient) {
  const page = last(await phone.follow(`${stack.idpUrl}/ui/line/phone`)).body;
  return page.includes('data-testid="phone-request"') ? formOf(page) : undefined;
}

async function phoneSubmits(phone: BrowserLikeClient, form: ReturnType<typeof formOf>, code: string) {
  const result = last(await phone.follow(new URL(form.action, stack.idpUrl).href, { form: { ...form.inputs, code } }));
  return /data-result="([\w-]+)"/.exec(result.body)?.[1];
}

async function phoneEnters(code: string) {
  const phone = await signedInPhone();
  return phoneSubmits(phone, (await waitingOnPhone(phone))!, code);
}

/** Continues on the PC after the phone confirmed: consent with the friend toggle, back to the lab. */
async function lineConsent(client: BrowserLikeClient, codePageUrl: string, friend = true, decision = 'allow') {
  const consentPage = last(await client.follow(codePageUrl));
  expect(consentPage.body).toContain('data-testid="line-friend"');
  const form = formOf(consentPage.body);
  return client.follow(new URL(form.action, stack.idpUrl).href, {
    form: { ...form.inputs, decision, ...(friend ? { friend: 'on' } : {}) },
  });
}

async function googleAs(
  client: BrowserLikeClient,
  startUrl: string,
  email = 'taro.personal@gmail.example',
  init: Parameters<BrowserLikeClient['follow']>[1] = {},
) {
  return accountFlows(stack).googleAs(client, startUrl, email, init);
}

async function signUpWithPasskey(client: BrowserLikeClient, username: string) {
  const authenticator = new SoftAuthenticator({ origin: stack.labUrl, backupEligible: true, backedUp: true });
  const options = JSON.parse(
    (await client.request(`${stack.labUrl}/api/registration/options`, { json: { username } })).body,
  );
  const verify = await client.request(`${stack.labUrl}/api/registration/verify`, {
    json: { response: authenticator.createCredential(options) },
  });
  expect(verify.status).toBe(200);
  return authenticator;
}

describe('mock providers', () => {
  it('advertise S256 only and the RFC 9207 iss parameter', async () => {
    for (const name of ['google', 'line']) {
      const discovery = await (await fetch(`${stack.idpUrl}/${name}/.well-known/openid-configuration`)).json();
      expect(discovery.issuer).toBe(`${stack.idpUrl}/${name}`);
      expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
      expect(discovery.authorization_response_iss_parameter_supported).toBe(true);
      expect(discovery.response_types_supported).toEqual(['code']);
    }
  });

  it("send the same strict headers as the lab, on their own pages and on oidc-provider's replies", async () => {
    for (const path of [
      '/google/.well-known/openid-configuration',
      '/line/.well-known/openid-configuration',
      '/google/auth',
    ]) {
      const reply = await fetch(`${stack.idpUrl}${path}`, { redirect: 'manual' });
      const csp = String(reply.headers.get('content-security-policy'));
      expect(csp, path).toContain("script-src 'self'");
      expect(csp).toContain(`form-action 'self' ${stack.labUrl}`);
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('refuse an authorization request without PKCE or with an unregistered redirect URI', async () => {
    const client = stack.running.idp!.clients.line;
    const base = { client_id: client.clientId, response_type: 'code', scope: 'openid', state: 'x', nonce: 'y' };
    const noPkce = await fetch(
      `${stack.idpUrl}/line/auth?${new URLSearchParams({ ...base, redirect_uri: client.redirectUri })}`,
      { redirect: 'manual' },
    );
    // oidc-provider reports this to the (registered) redirect URI as an OAuth error.
    expect(new URL(noPkce.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    expect(new URL(noPkce.headers.get('location')!).searchParams.get('error_description')).toMatch(/PKCE/i);
    const wrongRedirect = await fetch(
      `${stack.idpUrl}/line/auth?${new URLSearchParams({ ...base, redirect_uri: `${stack.labUrl}/auth/line/callback/../evil`, code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' })}`,
      { redirect: 'manual' },
    );
    expect(wrongRedirect.status).toBe(400);
    expect(await wrongRedirect.text()).toMatch(/redirect_uri/);
  });
});

describe("the story's second half", () => {
  it('Google-like login of an unlinked account ends in a neutral error, not a sign-up', async () => {
    const client = new BrowserLikeClient();
    const hops = await googleAs(client, `${stack.labUrl}/auth/google/start`);
    const back = hops.find((hop) => hop.url.startsWith(`${stack.labUrl}/auth/google/callback`))!;
    expect(back.location).toBe(`${stack.labUrl}/login?error=not_linked`);
    expect(back.body).not.toContain('gmail.example');
    expect((await session(client)).user).toBeNull();
    expect(stack.running.lab.repos.accounts.findByUsername('taro.personal@gmail.example')).toBeUndefined();
  });

  it('LINE-like login with the phone code signs in at low assurance, with amr mfa and the friend answer', async () => {
    const client = new BrowserLikeClient();
    const { codePageUrl, code } = await lineUntilCode(client);
    expect(code).toMatch(/^\d{4}$/);
    expect(await phoneEnters(code!)).toBe('approved');
    const hops = await lineConsent(client, codePageUrl);
    const callback = hops.find((hop) => hop.url.startsWith(`${stack.labUrl}/auth/line/callback`))!;
    expect(new URL(callback.url).searchParams.get('iss')).toBe(`${stack.idpUrl}/line`);
    expect(new URL(callback.url).searchParams.get('friendship_status_changed')).toBe('true');
    expect(callback.location).toBe(`${stack.labUrl}/account?via=line`);
    expect(await session(client)).toMatchObject({
      user: { username: 'taro' },
      method: 'social:line',
      assurance: 'low',
    });
    const logged = stack.running.lab.db
      .prepare("SELECT detail FROM ceremonies WHERE kind = 'fallback.login' AND outcome = 'verified' ORDER BY id DESC")
      .get() as { detail: string };
    expect(JSON.parse(logged.detail)).toMatchObject({
      provider: 'line',
      amr: ['pwd', 'mfa'],
      friendshipStatusChanged: true,
    });
  });

  it('cancelling at the LINE-like consent screen comes back as access_denied and signs nobody in', async () => {
    const client = new BrowserLikeClient();
    const { codePageUrl, code } = await lineUntilCode(client);
    expect(await phoneEnters(code!)).toBe('approved');
    const hops = await lineConsent(client, codePageUrl, true, 'cancel');
    const callback = hops.find((hop) => hop.url.startsWith(`${stack.labUrl}/auth/line/callback`))!;
    expect(new URL(callback.url).searchParams.get('error')).toBe('access_denied');
    expect(new URL(callback.url).searchParams.get('friendship_status_changed')).toBeNull();
    expect((await session(client)).user).toBeNull();
    expect(lastRejection()).toMatchObject({ error: 'access_denied' });
  });

  it('a fallback session cannot add a passkey or link a login until a passkey step-up', async () => {
    const client = new BrowserLikeClient();
    const { codePageUrl, code } = await lineUntilCode(client);
    await phoneEnters(code!);
    await lineConsent(client, codePageUrl);
    const addPasskey = await client.request(`${stack.labUrl}/api/registration/options`, { json: { username: 'taro' } });
    expect(addPasskey.status).toBe(403);
    expect(JSON.parse(addPasskey.body).error.code).toBe('step_up_required');
    // The display name passkey managers show is a credential change too (it is signalled to them).
    const rename = await client.request(`${stack.labUrl}/api/account/display-name`, {
      method: 'PATCH',
      json: { displayName: 'Someone else' },
    });
    expect(rename.status).toBe(403);
    expect(JSON.parse(rename.body).error.code).toBe('step_up_required');
    const confirm = last(await client.follow(`${stack.labUrl}/link/google/confirm?action=link`));
    expect(confirm.body).toContain('data-testid="link-step-up"');
    const form = formOf(confirm.body);
    // A form post's refusal goes back to the account page with its code (plugins/errors.ts).
    const link = await client.request(`${stack.labUrl}/link/google`, { form: form.inputs });
    expect(link.status).toBe(303);
    expect(link.location).toBe(`${stack.labUrl}/account?error=step_up_required`);
  });
});

describe('refusals', () => {
  it('a wrong 4-digit code, five times, locks the pending login', async () => {
    const client = new BrowserLikeClient();
    const { codePageUrl, code } = await lineUntilCode(client);
    const wrong = code === '0000' ? '1111' : '0000';
    const phone = await signedInPhone();
    const request = (await waitingOnPhone(phone))!;
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await phoneSubmits(phone, request, wrong));
    expect(results).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
    expect(await phoneSubmits(phone, request, code!)).toBe('none');
    const page = last(await client.follow(codePageUrl));
    expect(page.body).toContain('data-testid="line-code-error"');
    expect((await session(client)).user).toBeNull();
  });

  it('an expired 4-digit code is refused', async () => {
    const client = new BrowserLikeClient();
    const { code } = await lineUntilCode(client);
    const phone = await signedInPhone();
    const request = (await waitingOnPhone(phone))!;
    clockOffset = CODE_TTL_MS + 1000;
    expect(await phoneSubmits(phone, request, code!)).toBe('expired');
  });

  it('a callback with a foreign or unknown state is refused without a 5xx', async () => {
    const victim = new BrowserLikeClient();
    const start = await victim.request(`${stack.labUrl}/auth/line/start`);
    const state = new URL(start.location!).searchParams.get('state')!;
    const attacker = new BrowserLikeClient();
    const foreign = await attacker.request(
      `${stack.labUrl}/auth/line/callback?code=abc&state=${state}&iss=${encodeURIComponent(`${stack.idpUrl}/line`)}`,
    );
    expect(foreign.status).toBe(303);
    expect(foreign.location).toBe(`${stack.labUrl}/login?error=invalid_state`);
    const unknown = await attacker.request(`${stack.labUrl}/auth/line/callback?code=abc&state=nope`);
    expect(unknown.location).toBe(`${stack.labUrl}/login?error=invalid_state`);
  });

  it('a replayed callback and a replayed code are refused', async () => {
    const client = new BrowserLikeClient();
    const { codePageUrl, code } = await lineUntilCode(client);
    await phoneEnters(code!);
    const hops = await lineConsent(client, codePageUrl);
    const callback = hops.find((hop) => hop.url.startsWith(`${stack.labUrl}/auth/line/callback`))!;
    expect((await client.request(callback.url)).location).toBe(`${stack.labUrl}/login?error=invalid_state`);
    // The same code with a fresh, valid state of this browser: the provider refuses the used code.
    const fresh = await client.request(`${stack.labUrl}/auth/line/start`);
    const state = new URL(fresh.location!).searchParams.get('state')!;
    const replay = new URL(callback.url);
    replay.searchParams.set('state', state);
    expect((await client.request(replay.href)).location).toBe(`${stack.labUrl}/login?error=provider_error`);
    expect(lastRejection()).toMatchObject({ oauthError: 'invalid_grant' });
  });

  it('a code from the other provider (mix-up) is refused', async () => {
    const client = new BrowserLikeClient();
    const lineStart = await client.request(`${stack.labUrl}/auth/line/start`);
    const lineState = new URL(lineStart.location!).searchParams.get('state')!;
    // The Google-like code comes from another browser: in this one, a Google login would renew the session and drop the
    // LINE state whenever hanako's Google account is already linked (the linking tests), so the order of tests mattered.
    const googleHops = await googleAs(
      new BrowserLikeClient(),
      `${stack.labUrl}/auth/google/start`,
      'hanako.demo@gmail.example',
    );
    const googleCallback = new URL(
      googleHops.find((hop) => hop.url.startsWith(`${stack.labUrl}/auth/google/callback`))!.url,
    );
    const mixed = new URL(`${stack.labUrl}/auth/line/callback`);
    mixed.searchParams.set('code', googleCallback.searchParams.get('code')!);
    mixed.searchParams.set('iss', googleCallback.searchParams.get('iss')!);
    mixed.searchParams.set('state', lineState);
    const refused = await client.request(mixed.href);
    expect(refused.location).toBe(`${stack.labUrl}/login?error=provider_error`);
    // Refused for the right reason: the iss response parameter names the Google-like issuer (RFC 9207).
    expect(lastRejection()).toMatchObject({ cause: expect.stringMatching(/"iss"/) });
    expect((await session(client)).user).toBeNull();
  });
});

describe('linking', () => {
  it('links from a passkey session through the confirmation screen, then logs in with the link at low assurance', async () => {
    const owner = new BrowserLikeClient();
    await signUpWithPasskey(owner, 'hanako');
    const confirm = last(await owner.follow(`${stack.labUrl}/link/google/confirm?action=link`));
    expect(confirm.body).not.toContain('link-step-up');
    const form = formOf(confirm.body);
    const hops = await googleAs(owner, `${stack.labUrl}${form.action}`, 'hanako.demo@gmail.example', {
      form: form.inputs,
    });
    expect(hops.some((hop) => hop.location === `${stack.labUrl}/account?linked=google`)).toBe(true);
    const account = JSON.parse((await owner.request(`${stack.labUrl}/api/account`)).body);
    expect(account.identities).toMatchObject([{ provider: 'google', subject: '100200300400500600700' }]);

    const laterOnAnotherPc = new BrowserLikeClient();
    await googleAs(laterOnAnotherPc, `${stack.labUrl}/auth/google/start`, 'hanako.demo@gmail.example');
    expect(await session(laterOnAnotherPc)).toMatchObject({
      user: { username: 'hanako' },
      method: 'social:google',
      assurance: 'low',
    });
    const history = stack.running.lab.db
      .prepare("SELECT COUNT(*) AS n FROM ceremonies WHERE kind = 'identity.link' AND outcome = 'verified'")
      .get() as { n: number };
    expect(history.n).toBe(1);
  });

  it('a link post without the CSRF token is refused', async () => {
    const owner = new BrowserLikeClient();
    await signUpWithPasskey(owner, 'csrf-owner');
    const response = await owner.request(`${stack.labUrl}/link/google`, { form: { action: 'link', _csrf: 'forged' } });
    expect(response.status).toBe(303);
    expect(response.location).toBe(`${stack.labUrl}/account?error=form_expired`);
    expect(response.location).not.toContain('idp');
  });
});
