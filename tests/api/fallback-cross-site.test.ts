import { describe, expect, it } from 'vitest';
import { accountFlows } from '../support/account-flows.js';
import { BrowserLikeClient, formOf, last } from '../support/stack.js';
import { stackPerTest } from '../support/stack-per-test.js';

// A fallback login's start is a GET, and SameSite=Lax sends the lab's session cookie on another site's top-level
// navigation. Started from another site, it ended in a fallback session replacing the passkey one: one click on the
// provider's consent screen (none at a provider that remembers the consent). Review of session 12.

const lab = stackPerTest();
const EMAIL = 'taro.personal@gmail.example';

describe('a fallback login started by another site', () => {
  it('is not started: the passkey session, its cookie and the pending logins stay as they were', async () => {
    const flows = accountFlows(lab.stack);
    const owner = new BrowserLikeClient();
    await flows.signUpWithPasskey(owner, 'taro');
    await flows.linkGoogle(owner, EMAIL);
    const cookie = owner.jar.getCookieStringSync(lab.api('/'));
    const pending = () => lab.stack.running.lab.db.prepare('SELECT COUNT(*) AS n FROM oidc_transactions').get();
    const before = pending();

    for (const site of ['cross-site', 'same-site']) {
      const hops = await owner.follow(lab.api('/auth/google/start'), {
        headers: { 'sec-fetch-site': site, 'sec-fetch-mode': 'navigate', referer: 'https://evil.example/' },
      });
      // Had it reached the provider, the victim clicks "Continue" on its consent screen.
      const consent = last(hops).url.startsWith(lab.stack.idpUrl) ? formOf(last(hops).body) : undefined;
      if (consent)
        hops.push(
          ...(await owner.follow(new URL(consent.action, lab.stack.idpUrl).href, {
            form: { ...consent.inputs, decision: 'allow' },
          })),
        );
      expect([site, hops[0]!.status, last(hops).url]).toEqual([site, 303, lab.api('/login?error=cross_site_request')]);
      expect((await flows.session(owner)).assurance).toBe('high');
    }
    expect(owner.jar.getCookieStringSync(lab.api('/'))).toBe(cookie);
    expect(pending()).toEqual(before);
    expect(await flows.session(owner)).toMatchObject({ user: { username: 'taro' }, assurance: 'high' });
  });

  it("starts from the lab's own page (same-origin) and from a typed address (none), and signs in", async () => {
    const flows = accountFlows(lab.stack);
    const owner = new BrowserLikeClient();
    await flows.signUpWithPasskey(owner, 'taro');
    await flows.linkGoogle(owner, EMAIL);

    const typed = await owner.request(lab.api('/auth/line/start'), { headers: { 'sec-fetch-site': 'none' } });
    expect(typed.location).toMatch(new RegExp(`^${lab.stack.idpUrl}/line/auth\\?`));

    // The login page's button: the provider remembers this browser, so one click on its consent screen signs in.
    const consent = last(
      await owner.follow(lab.api('/auth/google/start'), {
        headers: { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' },
      }),
    );
    const form = formOf(consent.body);
    const hops = await owner.follow(new URL(form.action, lab.stack.idpUrl).href, {
      form: { ...form.inputs, decision: 'allow' },
    });
    expect(last(hops).url).toBe(lab.api('/account?via=google'));
    expect(await flows.session(owner)).toMatchObject({ method: 'social:google', assurance: 'low' });
  });
});
