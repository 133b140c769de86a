import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GOOGLE_LIKE_ACCOUNTS, LINE_LIKE_ACCOUNTS } from '../../server/idp/accounts.js';
import { ACCOUNT_FREE_FAILURES, SOURCE_MAX_FAILURES, SOURCE_WINDOW_MS } from '../../server/idp/guess-limits.js';
import { seedStory } from '../../server/lab/story.js';
import { SourceClient } from '../support/source-client.js';
import { BrowserLikeClient, formOf, last, startStack, type Hop, type Stack } from '../support/stack.js';

// Issue 15 point 12: the mock providers show the real protections. Real HTTP against the running providers, with
// distinct loopback source addresses standing in for distinct machines.

let stack: Stack;
let clockOffset = 0;
const [TARO, HANAKO] = [LINE_LIKE_ACCOUNTS[0]!, LINE_LIKE_ACCOUNTS[1]!];
const GOOGLE_TARO = GOOGLE_LIKE_ACCOUNTS[0]!;
const GOOGLE_HANAKO = GOOGLE_LIKE_ACCOUNTS[1]!;
let nextSource = 2;
const freshSource = () => new SourceClient(`127.0.0.${nextSource++}`);

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

const idp = (path: string) => new URL(path, stack.idpUrl).href;
const reasonOf = (hop: Hop) => /data-reason="([\w-]+)"/.exec(hop.body)?.[1];
const codeOf = (hop: Hop) => /data-testid="line-code">(\d{4})</.exec(hop.body)?.[1];
const reachedLab = (hops: Hop[]) =>
  hops.some((hop) => hop.url.startsWith(`${stack.labUrl}/auth/`) && hop.url.includes('/callback'));

async function labSession(client: BrowserLikeClient) {
  return JSON.parse((await client.request(`${stack.labUrl}/api/session`)).body) as {
    user: { username: string } | null;
    method: string | null;
  };
}

/** Opens a LINE-like login started by the lab; returns the login form. */
async function lineLoginForm(client: BrowserLikeClient) {
  const page = last(await client.follow(`${stack.labUrl}/auth/line/start`));
  expect(page.body).toContain('デモ用の模擬画面');
  return formOf(page.body);
}

async function linePassword(
  client: BrowserLikeClient,
  form: ReturnType<typeof formOf>,
  email: string,
  password: string,
) {
  return last(await client.follow(idp(form.action), { form: { ...form.inputs, email, password } }));
}

async function signedInPhone(account = TARO, client: BrowserLikeClient = new BrowserLikeClient()) {
  const form = formOf(last(await client.follow(idp('/ui/line/phone'))).body);
  const page = last(
    await client.follow(idp(form.action), {
      form: { ...form.inputs, email: account.email, password: account.password, sms: account.phoneSmsCode! },
    }),
  );
  expect(page.body).toContain('data-testid="phone-account"');
  return client;
}

async function phoneRequest(phone: BrowserLikeClient) {
  const page = last(await phone.follow(idp('/ui/line/phone'))).body;
  return page.includes('data-testid="phone-request"') ? formOf(page) : undefined;
}

async function phoneSubmits(phone: BrowserLikeClient, form: ReturnType<typeof formOf>, code: string) {
  return /data-result="([\w-]+)"/.exec(
    last(await phone.follow(idp(form.action), { form: { ...form.inputs, code } })).body,
  )?.[1];
}

/**
 * The same browser later, once the provider's own SSO session (1 hour) has ended: only the long-lived cookie that
 * says which identities signed in here remains, so the provider asks for a sign-in again.
 */
async function sameBrowserLater(client: BrowserLikeClient, cookieName: string) {
  const later = client instanceof SourceClient ? new SourceClient(client.source) : new BrowserLikeClient();
  for (const cookie of await client.jar.getCookies(idp('/ui/')))
    if (cookie.key === cookieName) await later.jar.setCookie(cookie, idp('/ui/'));
  return later;
}

/** The owner's whole LINE-like login on `client`: password, the number on their phone, consent. */
async function ownerLineLogin(client: BrowserLikeClient, phone: BrowserLikeClient, account = TARO) {
  const codePage = await linePassword(client, await lineLoginForm(client), account.email, account.password);
  expect(await phoneSubmits(phone, (await phoneRequest(phone))!, codeOf(codePage)!)).toBe('approved');
  const consent = last(await client.follow(codePage.url));
  const form = formOf(consent.body);
  return client.follow(idp(form.action), { form: { ...form.inputs, decision: 'allow' } });
}

describe('LINE-like password guessing', () => {
  it('one source spraying passwords is stopped, without the password being checked; the owner on their own source signs in', async () => {
    const attacker = freshSource();
    const form = await lineLoginForm(attacker);
    for (let i = 0; i < SOURCE_MAX_FAILURES; i++) {
      expect(reasonOf(await linePassword(attacker, form, `guess-${i}@line.example`, 'password1'))).toBe('credentials');
    }
    // Even the right password is refused from that source now: the limit is asked before the password is checked.
    const blocked = await linePassword(attacker, form, TARO.email, TARO.password);
    expect(reasonOf(blocked)).toBe('source-limit');
    expect(codeOf(blocked)).toBeUndefined();

    const owner = freshSource();
    expect(codeOf(await linePassword(owner, await lineLoginForm(owner), TARO.email, TARO.password))).toMatch(/^\d{4}$/);

    // A limit, not a ban: once the window has passed the source may try again.
    clockOffset = SOURCE_WINDOW_MS + 1000;
    expect(codeOf(await linePassword(attacker, await lineLoginForm(attacker), TARO.email, TARO.password))).toMatch(
      /^\d{4}$/,
    );
  });

  it("guesses spread over many sources make unknown browsers wait (a delay, never a lock); the owner's own browser does not wait", async () => {
    const owner = HANAKO;
    const phone = await signedInPhone(owner);
    const ownersBrowser = freshSource();
    expect(reachedLab(await ownerLineLogin(ownersBrowser, phone, owner))).toBe(true);

    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      const attacker = freshSource();
      expect(reasonOf(await linePassword(attacker, await lineLoginForm(attacker), owner.email, `guess-${i}`))).toBe(
        'credentials',
      );
    }
    const sixth = freshSource();
    expect(reasonOf(await linePassword(sixth, await lineLoginForm(sixth), owner.email, 'guess-6'))).toBe(
      'account-wait',
    );

    // The owner's browser, which completed a sign-in before, goes straight on.
    const ownersBrowserLater = await sameBrowserLater(ownersBrowser, '_line_known');
    expect(
      codeOf(
        await linePassword(ownersBrowserLater, await lineLoginForm(ownersBrowserLater), owner.email, owner.password),
      ),
    ).toMatch(/^\d{4}$/);

    // The owner on a new browser waits, then gets in: the wait ends, and the refused attempts did not extend it.
    const ownersNewLaptop = freshSource();
    const form = await lineLoginForm(ownersNewLaptop);
    const waiting = await linePassword(ownersNewLaptop, form, owner.email, owner.password);
    expect(reasonOf(waiting)).toBe('account-wait');
    const retry = Number(new URL(waiting.url).searchParams.get('retry'));
    expect(retry).toBeGreaterThan(0);
    clockOffset = retry * 1000 + 500;
    expect(codeOf(await linePassword(ownersNewLaptop, form, owner.email, owner.password))).toMatch(/^\d{4}$/);
  });
});

describe('"LINE on your phone" needs the phone\'s own signed-in session', () => {
  it('knowing the password alone confirms nothing: no phone session, no number accepted, no code, no sign-in', async () => {
    const attacker = new BrowserLikeClient();
    const codePage = await linePassword(attacker, await lineLoginForm(attacker), TARO.email, TARO.password);
    const code = codeOf(codePage)!;
    expect(code).toMatch(/^\d{4}$/);

    // The phone page, without the phone's session, offers only the phone's own sign-in.
    const phonePage = last(await attacker.follow(idp('/ui/line/phone')));
    expect(phonePage.body).toContain('data-testid="phone-sign-in"');
    expect(phonePage.body).not.toContain('data-testid="phone-code"');
    const { _csrf } = formOf(phonePage.body).inputs;
    // Submitting the number anyway (with the public sub, as the old page took it) is refused.
    const confirm = last(
      await attacker.follow(idp('/ui/line/phone/confirm'), {
        form: { _csrf: _csrf!, account: TARO.sub, login: 'x', code },
      }),
    );
    expect(confirm.body).toContain('data-result="signed-out"');
    expect(
      (await attacker.request(idp('/ui/line/phone'), { form: { _csrf: _csrf!, account: TARO.sub, code } })).status,
    ).toBe(404);
    // The password does not sign the phone in: it also needs what only the phone gets (the SMS code).
    const form = formOf(phonePage.body);
    const noSms = last(
      await attacker.follow(idp(form.action), {
        form: { ...form.inputs, email: TARO.email, password: TARO.password, sms: '000000' },
      }),
    );
    expect(reasonOf(noSms)).toBe('credentials');
    expect(noSms.body).not.toContain('data-testid="phone-account"');

    // The PC still waits for the number; the provider issued no authorization code and the lab has no session.
    const stillWaiting = await attacker.follow(codePage.url);
    expect(codeOf(last(stillWaiting))).toBe(code);
    expect(reachedLab(stillWaiting)).toBe(false);
    expect((await labSession(attacker)).user).toBeNull();
  });

  it("a stranger's wrong numbers do not lock the owner's pending login; the owner's phone then confirms it (amr mfa)", async () => {
    const owner = new BrowserLikeClient();
    const codePage = await linePassword(owner, await lineLoginForm(owner), TARO.email, TARO.password);
    const ownersPhone = await signedInPhone(TARO);
    const request = (await phoneRequest(ownersPhone))!;
    const wrong = codeOf(codePage) === '0000' ? '1111' : '0000';

    // A stranger with no phone session, even holding the pending login's id, is refused before any comparison.
    const stranger = new BrowserLikeClient();
    const { _csrf } = formOf(last(await stranger.follow(idp('/ui/line/phone'))).body).inputs;
    for (let i = 0; i < 6; i++) {
      const page = last(
        await stranger.follow(idp('/ui/line/phone/confirm'), {
          form: { _csrf: _csrf!, login: request.inputs.login!, code: wrong },
        }),
      );
      expect(page.body).toContain('data-result="signed-out"');
    }
    // A stranger signed in to their own LINE phone cannot touch another account's login either.
    const strangersPhone = await signedInPhone(HANAKO);
    expect(last(await strangersPhone.follow(idp('/ui/line/phone'))).body).not.toContain(request.inputs.login!);
    for (let i = 0; i < 6; i++)
      expect(
        await phoneSubmits(
          strangersPhone,
          {
            action: request.action,
            inputs: {
              ...request.inputs,
              _csrf: formOf(last(await strangersPhone.follow(idp('/ui/line/phone'))).body).inputs._csrf!,
            },
          },
          wrong,
        ),
      ).toBe('none');
    // A second login started by someone who knows the password does not replace the owner's.
    const other = new BrowserLikeClient();
    await linePassword(other, await lineLoginForm(other), TARO.email, TARO.password);

    expect(await phoneSubmits(ownersPhone, request, codeOf(codePage)!)).toBe('approved');
    const consent = last(await owner.follow(codePage.url));
    const form = formOf(consent.body);
    await owner.follow(idp(form.action), { form: { ...form.inputs, decision: 'allow' } });
    expect(await labSession(owner)).toMatchObject({ user: { username: 'taro' }, method: 'social:line' });
    const logged = stack.running.lab.db
      .prepare("SELECT detail FROM ceremonies WHERE kind = 'fallback.login' AND outcome = 'verified' ORDER BY id DESC")
      .get() as { detail: string };
    expect(JSON.parse(logged.detail)).toMatchObject({ provider: 'line', amr: ['pwd', 'mfa'] });
  });
});

describe('Google-like account chooser', () => {
  async function chooser(client: BrowserLikeClient) {
    return last(await client.follow(`${stack.labUrl}/auth/google/start`));
  }

  it('lists no identity on a new browser and refuses a demo identity claimed without its password', async () => {
    const stranger = new BrowserLikeClient();
    const page = await chooser(stranger);
    expect(page.body).toContain('デモ用の模擬画面');
    expect(page.body).toContain('data-testid="google-no-accounts"');
    expect(page.body).not.toContain('data-testid="google-account"');
    // Posting the identity's public sub to the chooser's endpoint, as the old chooser accepted.
    const passwordForm = formOf(page.body);
    const claim = await stranger.follow(idp(passwordForm.action.replace(/\/password$/, '/login')), {
      form: { _csrf: passwordForm.inputs._csrf!, sub: GOOGLE_TARO.sub },
    });
    expect(reasonOf(last(claim))).toBe('not-signed-in');
    expect(reachedLab(claim)).toBe(false);
    const wrong = await stranger.follow(idp(passwordForm.action), {
      form: { ...passwordForm.inputs, email: GOOGLE_TARO.email, password: 'google-demo' },
    });
    expect(reasonOf(last(wrong))).toBe('credentials');
    expect(reachedLab(wrong)).toBe(false);
  });

  it("after a sign-in with the password, that browser's chooser offers that identity only", async () => {
    const owner = new BrowserLikeClient();
    const form = formOf((await chooser(owner)).body);
    const consent = last(
      await owner.follow(idp(form.action), {
        form: { ...form.inputs, email: GOOGLE_HANAKO.email, password: GOOGLE_HANAKO.password },
      }),
    );
    expect(consent.body).toContain('data-testid="google-continue"');

    const again = await chooser(await sameBrowserLater(owner, '_google_known'));
    expect([...again.body.matchAll(/data-testid="google-account" data-email="([^"]+)"/g)].map((m) => m[1])).toEqual([
      GOOGLE_HANAKO.email,
    ]);
    const later = await sameBrowserLater(owner, '_google_known');
    const listed = formOf((await chooser(later)).body, 0);
    const other = await later.follow(idp(listed.action), { form: { ...listed.inputs, sub: GOOGLE_TARO.sub } });
    expect(reasonOf(last(other))).toBe('not-signed-in');
    expect(last(await later.follow(idp(listed.action), { form: listed.inputs })).body).toContain(
      'data-testid="google-continue"',
    );
  });
});

describe('hostile input on the new screens', () => {
  it('repeated or unknown query values and odd bodies answer without a 5xx', async () => {
    const client = new BrowserLikeClient();
    const form = await lineLoginForm(client);
    const loginPage = idp(form.action.replace(/\/login$/, ''));
    for (const url of [
      `${loginPage}?error=credentials&error=source-limit&retry=1&retry=2`,
      `${loginPage}?error=%3Cscript%3E`,
      idp('/ui/line/phone?error=account-wait&error=x&result=wrong&result=approved&left=a&left=b&lang=ja&lang=en'),
    ]) {
      const page = await client.request(url);
      expect(page.status, url).toBeGreaterThanOrEqual(200);
      expect(page.status, url).toBeLessThan(500);
      expect(page.body).not.toContain('<script>');
    }
    const phone = await signedInPhone(TARO);
    expect((await phone.request(idp('/ui/line/phone?result=wrong&result=approved&left=1&left=2'))).status).toBeLessThan(
      500,
    );
    const signedInPage = await phone.request(idp('/ui/line/phone?result=constructor&left=x'));
    expect(signedInPage.status).toBe(200);
    const { _csrf } = formOf(signedInPage.body).inputs;
    const body = `_csrf=${encodeURIComponent(_csrf!)}&login=a&login=b&code=1&code=2&lang=ja&lang=en`;
    const cookie = await phone.jar.getCookieString(idp('/ui/line/phone/confirm'));
    const confirm = await fetch(idp('/ui/line/phone/confirm'), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(confirm.status).toBeLessThan(500);
  });
});
