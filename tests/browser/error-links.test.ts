import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Device } from '../support/browser.js';
import { loginPageReady, pageReady, signUp } from '../support/lab-pages.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// A link to /login or /account with ?error=<code> shows the words for that code; any other text in the link is never
// shown (anyone can send such a link, and the page is the real sign-in page): a general message instead.

describe.runIf(browserTestsEnabled())('error codes in links', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started), { IDP_MODE: 'off' });

  const SPOOF = 'Your account is locked. Call 0120-000-000';

  it("/login?error=<any text> does not print the link's text (or a catalogue key) as the page's error", async () => {
    const device = await Device.open(browser, 'phone', { locale: 'ja-JP' });
    await device.page.goto(`${stack.labUrl}/login?autofill=off&error=${encodeURIComponent(SPOOF)}`);
    await loginPageReady(device.page);
    const status = (await device.page.textContent('[data-testid=status]')) ?? '';
    await device.close();
    expect(status).not.toContain('0120-000-000');
    expect(status).not.toContain('fallbackErrors.');
    expect(status).toContain('もう一度お試しください');
  });

  it("/account?error=<any text> does not print the link's text either", async () => {
    const device = await Device.open(browser, 'phone', { locale: 'ja-JP' });
    await signUp(device.page, stack.labUrl, 'error-link');
    // The first visit after a sign-in reports its signal in the status line; the link is opened after that one.
    await device.page.goto(`${stack.labUrl}/account`);
    await pageReady(device.page);
    await device.page.waitForSelector('[data-testid=signals] li[data-result]');
    await device.page.goto(`${stack.labUrl}/account?error=${encodeURIComponent(SPOOF)}`);
    await pageReady(device.page);
    const status = (await device.page.textContent('[data-testid=status]')) ?? '';
    await device.close();
    expect(status).not.toContain('0120-000-000');
    expect(status).not.toContain('fallbackErrors.');
    expect(status).toContain('もう一度お試しください');
  });

  it("an unlink the server refused reads as that refusal's words, not the general message", async () => {
    const device = await Device.open(browser, 'phone', { locale: 'ja-JP' });
    await signUp(device.page, stack.labUrl, 'error-link-unlink');
    await device.page.goto(`${stack.labUrl}/account`);
    await pageReady(device.page);
    await device.page.waitForSelector('[data-testid=signals] li[data-result]');
    // Where the link form's post goes when unlinking would remove the last way in (tests/api/recovery.test.ts has
    // the same redirect for original_passkey_required).
    await device.page.goto(`${stack.labUrl}/account?error=last_sign_in_method`);
    await pageReady(device.page);
    const status = (await device.page.textContent('[data-testid=status]')) ?? '';
    await device.close();
    expect(status).toContain('ログインする最後の方法');
  });

  it('a known code still reads as its own words', async () => {
    const device = await Device.open(browser, 'phone', { locale: 'en-US' });
    await device.page.goto(`${stack.labUrl}/login?autofill=off&error=not_linked`);
    await loginPageReady(device.page);
    const status = (await device.page.textContent('[data-testid=status]')) ?? '';
    await device.close();
    expect(status).not.toContain('fallbackErrors.');
    expect(status).not.toBe('');
    expect(status).not.toContain('Please try again');
  });
});
