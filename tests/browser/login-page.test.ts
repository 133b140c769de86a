import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Device } from '../support/browser.js';
import { pageReady, sessionOf, signUp } from '../support/lab-pages.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// Issue 11 points 6 and 7 on the real pages: the fallbacks are there from the start, logging out does not sign a
// device with a passkey straight back in through autofill, and signed-out /history goes to sign-in as /account does.

// Counts the page's WebAuthn get() calls (the real method is wrapped, not replaced).
const COUNT_GETS = `(() => {
  window.__gets = [];
  const get = navigator.credentials.get.bind(navigator.credentials);
  navigator.credentials.get = (options) => { window.__gets.push(options?.mediation ?? 'modal'); return get(options); };
})();`;
const gets = (page: Page) => page.evaluate(() => (window as unknown as { __gets: string[] }).__gets);

describe.runIf(browserTestsEnabled())('the login page for a presenter', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started));

  it('shows LINE and Google from the start, with a link near the top that jumps to them', async () => {
    for (const locale of ['ja-JP', 'en-US']) {
      const pc = await Device.open(browser, 'pc-without-hello', { locale });
      await pc.page.goto(`${stack.labUrl}/login`);
      await pc.page.waitForSelector('[data-testid=fallback-line]');
      expect(await pc.page.isVisible('[data-testid=fallback-line]')).toBe(true);
      expect(await pc.page.isVisible('[data-testid=fallback-google]')).toBe(true);
      await pc.page.click('[data-testid=jump-fallbacks]');
      expect(pc.page.url()).toMatch(/#fallbacks$/);
      expect(
        await pc.page.evaluate(
          () => document.querySelector('#fallbacks')!.getBoundingClientRect().top < window.innerHeight,
        ),
      ).toBe(true);
      await pc.close();
    }
  });

  it('logging out under a virtual authenticator lands on a signed-out /login; autofill waits for the username field', async () => {
    for (const [locale, words] of [
      ['ja-JP', 'ログアウトしました'],
      ['en-US', 'You are signed out'],
    ] as const) {
      const phone = await Device.open(browser, 'phone', { locale });
      const errors: string[] = [];
      phone.page.on('pageerror', (error) => errors.push(error.message));
      phone.page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await phone.context.addInitScript(COUNT_GETS);
      const username = `out-${locale.toLowerCase()}-${Date.now().toString(36)}`;
      await signUp(phone.page, stack.labUrl, username);
      await phone.page.goto(`${stack.labUrl}/account`);
      await pageReady(phone.page);
      await phone.page.click('[data-testid=logout]');
      await phone.page.waitForURL(/\/login\?signed-out/);
      await phone.page.waitForSelector('#login-form[data-autofill=after-focus]', { state: 'attached' });
      await phone.page.waitForLoadState('networkidle');
      expect(await phone.page.textContent('[data-testid=status]')).toContain(words);
      // Nothing asked the authenticator, so nothing could sign this device back in.
      expect(await gets(phone.page)).toEqual([]);
      expect((await sessionOf(phone.page, stack.labUrl)).user).toBeNull();
      for (const width of [390, 1280]) {
        await phone.page.setViewportSize({ width, height: 900 });
        expect(
          await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          `signed-out /login at ${width}px`,
        ).toBe(true);
      }
      // Clicking the username field starts autofill; this authenticator then picks its only passkey.
      await phone.page.click('[data-testid=username]');
      await phone.page.waitForURL(/\/account/, { timeout: 20_000 });
      expect((await sessionOf(phone.page, stack.labUrl)).user?.username).toBe(username);
      expect(errors).toEqual([]);
      await phone.close();
    }
  }, 60_000);

  it('/history signed out goes to sign-in, as /account does', async () => {
    for (const path of ['/history', '/account']) {
      const visitor = await Device.open(browser, 'pc-without-hello');
      // The page's own redirect may interrupt the first load: wait for the URL, not for goto.
      await Promise.all([
        visitor.page.waitForURL(/\/login$/, { timeout: 15_000 }),
        visitor.page.goto(`${stack.labUrl}${path}`).catch(() => null),
      ]);
      await visitor.close();
    }
  });
  // docs/security.md "Fallback logins": another site's link must not start a login; the lab's own button still does.
  it('a login started by another site is not started: the page says why in Japanese, and its own Google button works', async () => {
    const pc = await Device.open(browser, 'pc-without-hello', { locale: 'ja-JP' });
    await signUp(pc.page, stack.labUrl, 'cross-site-visitor');
    // The mock provider's address is another site (127.0.0.1, the lab localhost): its page sends the browser over.
    await pc.page.goto(`${stack.idpUrl}/ui/nowhere`);
    await Promise.all([
      pc.page.waitForURL(/\/login\?error=cross_site_request$/),
      pc.page.evaluate((url) => location.assign(url), `${stack.labUrl}/auth/google/start`),
    ]);
    await pageReady(pc.page);
    const status = (await pc.page.textContent('[data-testid=status]')) ?? '';
    const session = await sessionOf(pc.page, stack.labUrl);
    await Promise.all([
      pc.page.waitForURL((url) => url.href.startsWith(`${stack.idpUrl}/ui/google/`)),
      pc.page.click('[data-testid=fallback-google]'),
    ]);
    await pc.close();
    expect(status).toContain('別のウェブサイト');
    expect(session).toMatchObject({ user: { username: 'cross-site-visitor' }, assurance: 'high' });
  });
});
