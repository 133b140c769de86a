import { describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, formOf, last } from '../support/stack.js';
import { stackPerFile } from '../support/stack-per-test.js';

// POST /link/:provider is the confirm page's form post, a browser navigation. Its refusals go back to a page with a
// code the page puts in words (/login or /account?error=...). They were API JSON in English: a Japanese visitor who
// signed out in another tab, or whose CSRF token went stale, was left on {"error":{"code":"sign_in_required",...}}.

const shared = stackPerFile();

const isRawJson = (reply: { body: string }) => reply.body.trimStart().startsWith('{');

describe('the link confirmation form explains a refusal in the page language', () => {
  it('confirm after signing out in another tab: not a raw English JSON page', async () => {
    const lab = shared.stack.labUrl;
    const browser = new BrowserLikeClient({ 'accept-language': 'ja' });
    await accountFlows(shared.stack).signUpWithPasskey(browser, 'link-two-tabs');
    const confirm = last(await browser.follow(`${lab}/link/google/confirm?action=link`));
    const form = formOf(confirm.body);
    expect((await browser.request(`${lab}/api/session/logout`, { json: {} })).status).toBe(200);
    const posted = await browser.request(`${lab}${form.action}`, { form: form.inputs });
    expect(isRawJson(posted), `${posted.status} ${posted.body}`).toBe(false);
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`${lab}/login?error=sign_in_required`);
  });

  it('confirm with a stale CSRF token (signed in again in another tab): not a raw English JSON page', async () => {
    const lab = shared.stack.labUrl;
    const flows = accountFlows(shared.stack);
    const browser = new BrowserLikeClient({ 'accept-language': 'ja' });
    const key = await flows.signUpWithPasskey(browser, 'link-stale-token');
    const confirm = last(await browser.follow(`${lab}/link/google/confirm?action=link`));
    const form = formOf(confirm.body);
    expect((await flows.passkeyLogin(browser, 'link-stale-token', key)).status).toBe(200);
    const posted = await browser.request(`${lab}${form.action}`, { form: form.inputs });
    expect(isRawJson(posted), `${posted.status} ${posted.body}`).toBe(false);
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`${lab}/account?error=form_expired`);
  });
});
