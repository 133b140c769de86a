import { expect } from 'vitest';
import { GOOGLE_LIKE_ACCOUNTS, LINE_LIKE_ACCOUNTS } from '../../server/idp/accounts.js';
import { SoftAuthenticator } from './soft-authenticator.js';
import { BrowserLikeClient, formOf, last, type Stack } from './stack.js';

/**
 * The steps an owner or an attacker takes through the real lab and mock providers over HTTP: sign up with a passkey,
 * step up, link a Google-like login, log in with it. Shared by the recovery and assurance tests.
 */
export function accountFlows(stack: Stack) {
  const lab = stack.labUrl;

  async function session(client: BrowserLikeClient) {
    return JSON.parse((await client.request(`${lab}/api/session`)).body) as {
      user: { username: string } | null;
      method: string | null;
      assurance: string | null;
    };
  }

  async function signUpWithPasskey(
    client: BrowserLikeClient,
    username: string,
    authenticator = new SoftAuthenticator({ origin: lab, backupEligible: true, backedUp: true }),
  ) {
    const options = JSON.parse((await client.request(`${lab}/api/registration/options`, { json: { username } })).body);
    const verify = await client.request(`${lab}/api/registration/verify`, {
      json: { response: authenticator.createCredential(options) },
    });
    expect(verify.status, verify.body).toBe(200);
    return authenticator;
  }

  /** A passkey login (or step-up) with the authenticator's credential for the username; returns the verify reply. */
  async function passkeyLogin(
    client: BrowserLikeClient,
    username: string,
    authenticator: SoftAuthenticator,
    credentialIndex = 0,
  ) {
    const options = JSON.parse(
      (await client.request(`${lab}/api/authentication/options`, { json: { username } })).body,
    );
    const response = authenticator.getAssertion(options, { credential: authenticator.credentials[credentialIndex] });
    return client.request(`${lab}/api/authentication/verify`, { json: { response } });
  }

  /** Adds a passkey to the signed-in account; returns the registration verify reply. */
  async function addPasskey(client: BrowserLikeClient, username: string, authenticator: SoftAuthenticator) {
    const optionsReply = await client.request(`${lab}/api/registration/options`, { json: { username } });
    if (optionsReply.status !== 200) return optionsReply;
    return client.request(`${lab}/api/registration/verify`, {
      json: { response: authenticator.createCredential(JSON.parse(optionsReply.body)) },
    });
  }

  /** Walks the Google-like chooser and consent from a start URL; returns every hop. */
  /** The Google-like chooser: a listed identity (this browser signed in as it before), else "use another account" with its password. */
  async function googleAs(
    client: BrowserLikeClient,
    startUrl: string,
    email: string,
    init: Parameters<BrowserLikeClient['follow']>[1] = {},
  ) {
    const chooser = last(await client.follow(startUrl, init));
    expect(chooser.body).toContain('デモ用の模擬画面');
    const forms = [...chooser.body.matchAll(/<form/g)].map((_, index) => formOf(chooser.body, index));
    const listed = forms.findIndex((_, index) => chooser.body.split('<form')[index + 1]!.includes(email));
    const password = GOOGLE_LIKE_ACCOUNTS.find((account) => account.email === email)!.password;
    const [action, inputs] =
      listed >= 0
        ? [forms[listed]!.action, forms[listed]!.inputs]
        : [last(forms).action, { ...last(forms).inputs, email, password }];
    const consent = last(await client.follow(new URL(action, stack.idpUrl).href, { form: inputs }));
    const consentForm = formOf(consent.body);
    return client.follow(new URL(consentForm.action, stack.idpUrl).href, {
      form: { ...consentForm.inputs, decision: 'allow' },
    });
  }

  /** Links the Google-like identity from a passkey session, through the confirmation page. */
  async function linkGoogle(client: BrowserLikeClient, email: string) {
    const confirm = last(await client.follow(`${lab}/link/google/confirm?action=link`));
    const form = formOf(confirm.body);
    const hops = await googleAs(client, `${lab}${form.action}`, email, { form: form.inputs });
    expect(hops.some((hop) => hop.location === `${lab}/account?linked=google`)).toBe(true);
  }

  /** A Google-like fallback login; returns where the lab's callback sent the browser. */
  async function googleLogin(client: BrowserLikeClient, email: string) {
    const hops = await googleAs(client, `${lab}/auth/google/start`, email);
    return hops.find((hop) => hop.url.startsWith(`${lab}/auth/google/callback`))!.location;
  }

  /** Unlinks through the confirmation page's form (CSRF token included); returns the reply. */
  async function unlink(client: BrowserLikeClient, provider: string) {
    const confirm = last(await client.follow(`${lab}/link/${provider}/confirm?action=unlink`));
    return client.request(`${lab}/link/${provider}`, { form: formOf(confirm.body).inputs });
  }

  /**
   * A whole LINE-like login over HTTP: the PC types the password and shows a number; "LINE on your phone" (its own
   * browser, signed in with the password and the demo SMS code) confirms it; the PC consents. Returns the hops back.
   */
  async function lineLogin(client: BrowserLikeClient, account = LINE_LIKE_ACCOUNTS[0]!) {
    const loginPage = last(await client.follow(`${lab}/auth/line/start`));
    const form = formOf(loginPage.body);
    const codePage = last(
      await client.follow(new URL(form.action, stack.idpUrl).href, {
        form: { ...form.inputs, email: account.email, password: account.password },
      }),
    );
    const code = /data-testid="line-code">(\d{4})</.exec(codePage.body)![1]!;
    const phone = new BrowserLikeClient();
    const phoneForm = formOf(last(await phone.follow(`${stack.idpUrl}/ui/line/phone`)).body);
    const waiting = last(
      await phone.follow(new URL(phoneForm.action, stack.idpUrl).href, {
        form: { ...phoneForm.inputs, email: account.email, password: account.password, sms: account.phoneSmsCode! },
      }),
    );
    const confirm = formOf(waiting.body);
    await phone.follow(new URL(confirm.action, stack.idpUrl).href, { form: { ...confirm.inputs, code } });
    const consent = formOf(last(await client.follow(codePage.url)).body);
    return client.follow(new URL(consent.action, stack.idpUrl).href, {
      form: { ...consent.inputs, decision: 'allow' },
    });
  }

  async function account(client: BrowserLikeClient) {
    return JSON.parse((await client.request(`${lab}/api/account`)).body) as {
      credentials: { id: string; label: string | null }[];
      identities: { provider: string; needsReconfirm: boolean }[];
    };
  }

  return {
    session,
    signUpWithPasskey,
    passkeyLogin,
    addPasskey,
    googleAs,
    lineLogin,
    linkGoogle,
    googleLogin,
    unlink,
    account,
  };
}
