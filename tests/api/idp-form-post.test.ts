import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOGLE_LIKE_ACCOUNTS } from '../../server/idp/accounts.js';
import { idpStrings } from '../../server/idp/strings.js';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, formOf, last, startStack, type Hop, type Stack } from '../support/stack.js';

// The page oidc-provider draws itself between a sign-out and what follows (lib/response_modes/form_post.js: "Submitting
// Callback", English, no lang, an inline script) is drawn again in the visitor's language (server/idp/form-post.ts).

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

/** The redrawn page: the language, its words, a Continue button for a browser without JavaScript, no inline script. */
function expectRedrawn(
  hop: Hop,
  lang: 'ja' | 'en',
  title: 'formPostSignOutTitle' | 'formPostReturnTitle' = 'formPostSignOutTitle',
) {
  const strings = idpStrings[lang];
  expect(hop.body).toContain(`<html lang="${lang}">`);
  expect(hop.body).toContain(`<h1>${strings[title]}</h1>`);
  expect(hop.body).toContain(
    `<noscript><p>${strings.formPostNoScript}</p><button type="submit">${strings.continue}</button></noscript>`,
  );
  expect(hop.body).toContain('<script src="/ui/form-post.js" defer></script>');
  expect(hop.body).not.toMatch(/<script>/);
}

describe("oidc-provider's auto-submitted sign-out form", () => {
  it('a sign-out without a signed-in session: a page in Japanese that still signs out', async () => {
    const client = new BrowserLikeClient({ 'accept-language': 'ja' });
    const page = await client.request(`${stack.idpUrl}/line/session/end`);
    expect(page.status).toBe(200);
    expectRedrawn(page, 'ja');
    const form = formOf(page.body);
    expect(form.action).toBe(`${stack.idpUrl}/line/session/end/confirm`);
    expect(Object.keys(form.inputs).sort()).toEqual(['logout', 'xsrf']);
    const signedOut = last(await client.follow(form.action, { form: form.inputs }));
    expect(signedOut.body).toContain(idpStrings.ja.signedOutTitle);

    // An English visitor gets English; the CSP allows the providers' own scripts only, not the built-in inline one.
    const english = await fetch(`${stack.idpUrl}/google/session/end`, { headers: { 'accept-language': 'en' } });
    expectRedrawn({ status: english.status, url: '', location: null, body: await english.text() }, 'en');
    expect(english.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(english.headers.get('content-security-policy')).not.toContain('sha256-');
    const script = await fetch(`${stack.idpUrl}/ui/form-post.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript']);
  });

  it('a login for another account than the provider remembers: the sign-out in between is Japanese too', async () => {
    const client = new BrowserLikeClient({ 'accept-language': 'ja' });
    const [first, second] = GOOGLE_LIKE_ACCOUNTS;
    await accountFlows(stack).googleAs(client, `${stack.labUrl}/auth/google/start`, first!.email);
    // The lab's next authorization request, asking the provider to sign in again (as Google's select_account does).
    const start = await client.request(`${stack.labUrl}/auth/google/start`);
    const request = new URL(start.location!);
    request.searchParams.set('prompt', 'login');
    const chooser = last(await client.follow(request.href));
    const password = formOf(chooser.body, [...chooser.body.matchAll(/<form/g)].length - 1);
    const hops = await client.follow(new URL(password.action, stack.idpUrl).href, {
      form: { ...password.inputs, email: second!.email, password: second!.password },
    });
    const between = last(hops);
    expectRedrawn(between, 'ja');
    const form = formOf(between.body);
    const consent = last(await client.follow(form.action, { form: form.inputs }));
    const decision = formOf(consent.body);
    const back = await client.follow(new URL(decision.action, stack.idpUrl).href, {
      form: { ...decision.inputs, decision: 'allow' },
    });
    expect(back.some((hop) => hop.url.startsWith(`${stack.labUrl}/auth/google/callback?code=`))).toBe(true);
    // The lab read the ID token: only then can it say that this identity is linked to no account.
    expect(last(back).url).toBe(`${stack.labUrl}/login?error=not_linked`);
  });

  it('an answer sent back to the lab as a form (response_mode=form_post, which the lab never asks for) is drawn too', async () => {
    const client = stack.running.idp!.clients.google;
    const request = new URL(`${stack.idpUrl}/google/auth`);
    // No PKCE: refused, and the refusal goes back to the lab in the form asked for.
    for (const [name, value] of Object.entries({
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      response_type: 'code',
      scope: 'openid',
      response_mode: 'form_post',
      ui_locales: 'ja',
    }))
      request.searchParams.set(name, value);
    const page = await new BrowserLikeClient({ 'accept-language': 'en' }).request(request.href);
    expectRedrawn(page, 'ja', 'formPostReturnTitle');
    const form = formOf(page.body);
    expect([form.action, form.inputs.error]).toEqual([client.redirectUri, 'invalid_request']);
  });
});
