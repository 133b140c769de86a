import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LINE_LIKE_ACCOUNTS } from '../../server/idp/accounts.js';
import { idpStrings } from '../../server/idp/strings.js';

import { axeFindings } from '../support/page-checks.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// The mock identity providers' pages in states the page walk does not reach: the LINE-like page waiting for the phone
// (it reloaded itself every 2 s: axe meta-refresh, WCAG 2.2.1), a sign-in page opened without its login (raw JSON),
// oidc-provider's own error page (English only, a raw code as heading) and its sign-out pages.

describe.runIf(browserTestsEnabled())('mock identity provider pages', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started), { IDP_MODE: 'mock' });

  it('LINE-like "enter this number on your phone" page: axe-core finds nothing serious or critical', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${stack.labUrl}/auth/line/start`);
    await page.fill('[data-testid=line-email]', LINE_LIKE_ACCOUNTS[0]!.email);
    await page.fill('[data-testid=line-password]', LINE_LIKE_ACCOUNTS[0]!.password);
    await page.click('[data-testid=line-login]');
    await page.waitForSelector('[data-testid=line-code]');
    const findings = await axeFindings(page);
    await context.close();
    expect(findings.map((f) => `${f.impact} ${f.id}`)).toEqual([]);
  });

  it("a sign-in page opened where its login is unknown (other browser, expired) is a page in the visitor's language", async () => {
    const first = await browser.newContext({ locale: 'ja-JP' });
    const page = await (await first.newPage()).context().newPage();
    await page.goto(`${stack.labUrl}/auth/google/start`);
    await page.waitForSelector('[data-testid=google-email]');
    const url = page.url();
    await first.close();
    // The same address in a browser without that login's cookie (a link copied to another browser, or the cookie gone).
    const second = await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
    const other = await second.newPage();
    const reply = await other.goto(url);
    const type = reply?.headers()['content-type'] ?? '';
    const text = await other.evaluate(() => document.body.innerText);
    const lang = await other.evaluate(() => document.documentElement.lang);
    await second.close();
    expect({ type, lang, text }).toMatchObject({ type: expect.stringContaining('text/html'), lang: 'ja' });
    expect(text).not.toMatch(/^[a-z_]+: /);
  });

  it("the identity provider's own error page, asked for in Japanese, is not a raw code with an English sentence", async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(
      `${stack.idpUrl}/line/auth?client_id=unknown&response_type=code&scope=openid&ui_locales=ja&redirect_uri=${encodeURIComponent(stack.labUrl + '/auth/line/callback')}`,
    );
    const heading = (await page.textContent('h1')) ?? '';
    const lang = await page.evaluate(() => document.documentElement.lang);
    await context.close();
    expect(heading).not.toMatch(/^[a-z_]+$/);
    expect(lang).toBe('ja');
  });

  it("oidc-provider's own sign-out pages (/line/session/end) follow the CSP and the language like the other screens", async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${stack.idpUrl}/line/session/end?ui_locales=ja`);
    // Without a session, the sign-out form sends itself (server/idp/form-post.ts: a script file, as the CSP wants).
    await page.waitForSelector(`h1:text-is("${idpStrings.ja.signedOutTitle}")`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    const findings = await axeFindings(page);
    await context.close();
    expect(errors).toEqual([]);
    expect(lang).toBe('ja');
    expect(findings.map((f) => `${f.impact} ${f.id}`)).toEqual([]);
  });

  it('that sign-out form without JavaScript: a Japanese page with a Continue button that signs out', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.idpUrl}/google/session/end`);
    const lang = await page.evaluate(() => document.documentElement.lang);
    const heading = await page.textContent('h1');
    await page.click(`button:text-is("${idpStrings.ja.continue}")`);
    await page.waitForSelector(`h1:text-is("${idpStrings.ja.signedOutTitle}")`);
    await context.close();
    expect({ lang, heading }).toEqual({ lang: 'ja', heading: idpStrings.ja.formPostSignOutTitle });
  });

  it('every text of a provider page is inside a landmark (axe region, moderate): the demo label too', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const regions: string[] = [];
    for (const path of ['/auth/google/start', '/auth/line/start']) {
      await page.goto(`${stack.labUrl}${path}`);
      await page.waitForSelector('[data-testid=demo-label]');
      const findings = await axeFindings(page, ['minor', 'moderate', 'serious', 'critical']);
      regions.push(...findings.filter((f) => f.id === 'region').map((f) => `${path} ${JSON.stringify(f)}`));
    }
    await page.goto(`${stack.idpUrl}/ui/nowhere`);
    const findings = await axeFindings(page, ['minor', 'moderate', 'serious', 'critical']);
    regions.push(...findings.filter((f) => f.id === 'region').map((f) => `not found ${JSON.stringify(f)}`));
    await context.close();
    expect(regions).toEqual([]);
  });
});
