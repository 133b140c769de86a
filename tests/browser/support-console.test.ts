import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { seedStory } from '../../server/lab/story.js';
import { createInvite, firstStartInvite } from '../../server/support/invites.js';
import { Device, releaseChromium, sharedChromium } from '../support/browser.js';
import { accountFlows } from '../support/account-flows.js';
import { signUp } from '../support/lab-pages.js';
import { BrowserLikeClient, startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';
import { WINDOWS_10_NO_BLUETOOTH_FACTS } from '../support/check-samples.js';

// Issue 12 in Chromium: a staff member enrolls through the printed link, looks up the story's account, reads the matrix
// and the words to say; customers are refused; both languages; no overflow at 390 and 1280 px; no console errors.

/** Console errors and page errors, so a test can say none happened. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * The support pages add their own stylesheet from their script (client/src/lib/support-i18n.ts): layout is read after
 * it applies.
 */
const stylesheetsLoaded = (page: Page) =>
  page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')].every((link) => link.sheet !== null),
  );

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** The visible text of every element the catalogues fill, keyed by its catalogue key. */
const catalogueTexts = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('[data-i18n]')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => [e.dataset.i18n!, e.textContent ?? '']),
    ),
  );

describe.runIf(browserTestsEnabled())('support console in Chromium', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    seedStory(stack.running.lab.repos, stack.config);
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await releaseChromium(browser);
    await stack?.close();
  });

  it('enrolls through the first-start link, looks up taro and shows the USB prompt and the Windows chooser', async () => {
    // A lab of its own: the first-start link exists only while no staff member does (another test enrolls one), and
    // the fix applied below changes taro's passkey, which the other tests read as the story left it.
    const own = await startStack();
    onTestFinished(() => own.close());
    seedStory(own.running.lab.repos, own.config);
    const link = firstStartInvite(own.running.lab.repos, own.labUrl)!.link;
    const pc = await Device.open(browser, 'pc-with-hello', { locale: 'en-US' });
    const errors = watchErrors(pc.page);
    await pc.page.goto(link);
    await pc.page.fill('[data-testid=staff-name]', 'Sato');
    await pc.page.click('[data-testid=enroll-button]');
    await pc.page.waitForURL(/\/support$/);
    await pc.page.waitForSelector('[data-testid=staff-status]');
    expect(await pc.page.textContent('[data-testid=staff-status]')).toContain('Sato');

    await pc.page.fill('[data-testid=lookup-username]', 'taro');
    await pc.page.selectOption('[data-testid=customer-lang]', 'ja');
    await pc.page.click('[data-testid=lookup-button]');
    await pc.page.waitForSelector('[data-testid=matrix]');
    const kindOf = (device: string) =>
      pc.page.getAttribute(`[data-testid=matrix-cell][data-device=${device}]`, 'data-kind');
    expect(await kindOf('windows-10-chrome-bt-absent-hello-no')).toBe('windows-security-key');
    expect(await kindOf('windows-11-25h2-chrome-bt-on-hello-yes')).toBe('windows-passkey-chooser');
    expect(await pc.page.textContent('[data-testid=passkey]')).toContain('Google Password Manager');
    // A name staff typed is not marked as one taken from a support file.
    expect(await pc.page.$('[data-testid=bundle-unverified]')).toBeNull();

    await pc.page.click('[data-testid=matrix-cell][data-device=windows-10-chrome-bt-absent-hello-no]');
    const [forStaff, forCustomer] = await pc.page.locator('[data-testid=words] [data-testid=say]').allTextContents();
    expect(forStaff).toMatch(/USB port/);
    expect(forCustomer).toMatch(/USBポート/);
    // The audit log is read again after the account is drawn (another request).
    await pc.page.waitForFunction(() =>
      /Sato.*looked up taro/.test(document.querySelector('[data-testid=audit]')?.textContent ?? ''),
    );
    expect(await pc.page.textContent('[data-testid=audit]')).toMatch(/Sato.*looked up taro/);

    // What to change: the fix lists the PCs whose window changes; applying it re-reads the account.
    const storeTransports = '[data-testid=fix][data-fix=store-transports]';
    expect(await pc.page.locator(`${storeTransports} li[data-device]`).count()).toBeGreaterThan(0);
    await pc.page.click(`${storeTransports} [data-testid=fix-apply]`);
    await pc.page.waitForSelector('[data-testid=status][data-tone=ok]');
    expect(await pc.page.locator(storeTransports).count()).toBe(0);
    expect(await pc.page.textContent('[data-testid=audit]')).toMatch(/Sato.*changed taro/);

    await stylesheetsLoaded(pc.page);
    for (const width of [390, 1280]) {
      await pc.page.setViewportSize({ width, height: 900 });
      expect(await overflow(pc.page), `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
    }
    expect(errors).toEqual([]);

    // The language switch changes every string the catalogues fill.
    const english = await catalogueTexts(pc.page);
    await pc.page.click('[data-testid=lang-switch]');
    await pc.page.waitForFunction(() => document.documentElement.lang === 'ja');
    await pc.page.waitForSelector('[data-testid=staff-status]');
    const japanese = await catalogueTexts(pc.page);
    expect(Object.keys(japanese).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english)) expect(japanese[key], key).not.toBe(english[key]);
    // Japanese puts the account name before the verb: 「taro を変更」, not 「を変更 taro」.
    await pc.page.waitForFunction(() =>
      /Sato · taro を変更/.test(document.querySelector('[data-testid=audit]')?.textContent ?? ''),
    );
    expect(await pc.page.textContent('[data-testid=audit]')).toMatch(/Sato · taro を検索/);
    expect(errors).toEqual([]);
    await pc.close();
  });

  it('a customer signed in with a passkey gets 403 from the console and a stranger sees the staff sign-in', async () => {
    const customer = await Device.open(browser, 'pc-with-hello');
    await signUp(customer.page, stack.labUrl, 'hanako-browser');
    const refused = await customer.page.goto(`${stack.labUrl}/support`);
    expect(refused!.status()).toBe(403);
    expect(await customer.page.textContent('body')).toContain('/staff/login');

    const stranger = await Device.open(browser, 'pc-without-hello', { locale: 'ja-JP' });
    const errors = watchErrors(stranger.page);
    await stranger.page.goto(`${stack.labUrl}/staff/login`);
    await stranger.page.waitForSelector('[data-testid=staff-login-button]:visible');
    expect(await stranger.page.textContent('[data-testid=login] h1')).toBe('担当者サインイン');
    await stylesheetsLoaded(stranger.page);
    for (const width of [390, 1280]) {
      await stranger.page.setViewportSize({ width, height: 800 });
      expect(await overflow(stranger.page)).toBeLessThanOrEqual(0);
    }
    expect(errors).toEqual([]);
    await customer.close();
    await stranger.close();
  });

  it('/check: the customer answers, sees the sheet for taro and sends a code that a staff member opens beside the matrix', async () => {
    const customer = await Device.open(browser, 'pc-without-hello', { locale: 'ja-JP' });
    const errors = watchErrors(customer.page);
    await customer.page.goto(`${stack.labUrl}/check`);
    await customer.page.waitForSelector('[data-testid=found] .fact');
    // Linux Chromium here: no Windows question; Bluetooth is asked only when the browser could not tell.
    expect(await customer.page.isVisible('[data-testid=hello-yes]')).toBe(false);
    if (await customer.page.isVisible('[data-testid=bluetooth-absent]'))
      await customer.page.check('[data-testid=bluetooth-absent]');
    await customer.page.fill('[data-testid=check-username]', 'taro');
    await customer.page.click('[data-testid=predict-button]');
    await customer.page.waitForSelector('[data-testid=prediction] [data-testid=dialog-mockup]');
    expect(await customer.page.textContent('[data-testid=steps]')).toMatch(/[\u3040-\u30ff]/);
    await stylesheetsLoaded(customer.page);
    for (const width of [390, 1280]) {
      await customer.page.setViewportSize({ width, height: 800 });
      expect(await overflow(customer.page), `overflow at ${width}px`).toBeLessThanOrEqual(0);
    }
    expect(await customer.page.isDisabled('[data-testid=send-button]')).toBe(true);
    await customer.page.check('[data-testid=consent]');
    await customer.page.click('[data-testid=send-button]');
    const code = (await customer.page.locator('[data-testid=code-value]').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const japanese = await catalogueTexts(customer.page);
    await customer.page.click('[data-testid=lang-switch]');
    await customer.page.waitForFunction(() => document.documentElement.lang === 'en');
    await customer.page.waitForSelector('[data-testid=found] .fact');
    const english = await catalogueTexts(customer.page);
    for (const key of Object.keys(japanese)) expect(english[key], key).not.toBe(japanese[key]);
    expect(errors).toEqual([]);
    // The customer's own browser cannot open the code.
    expect(
      await customer.page.evaluate(
        async (url) => (await fetch(url)).status,
        `${stack.labUrl}/api/support/check-codes/${code}`,
      ),
    ).toBe(403);

    const staff = await Device.open(browser, 'pc-with-hello', { locale: 'en-US' });
    await staff.page.goto(createInvite(stack.running.lab.repos, stack.labUrl, null).link);
    await staff.page.fill('[data-testid=staff-name]', 'Tanaka');
    await staff.page.click('[data-testid=enroll-button]');
    await staff.page.waitForURL(/\/support$/);
    // The console's forms are in the page before its script (after GET /api/support/me) listens to them; the staff
    // header is drawn in the same turn as the listeners.
    await staff.page.waitForSelector('[data-testid=staff-status]');
    await staff.page.fill('[data-testid=check-code]', code);
    await staff.page.click('[data-testid=check-code-button]');
    await staff.page.waitForSelector('[data-testid=check-summary]');
    expect(await staff.page.textContent('[data-testid=check-summary]')).toContain('Linux');
    // The name was typed by whoever sent the code: said so, and nothing of taro's account is opened until staff choose.
    expect(await staff.page.textContent('[data-testid=check-typed]')).toMatch(
      /Typed by the sender, not verified: "taro"/,
    );
    expect(await staff.page.locator('[data-testid=matrix]').count()).toBe(0);
    await staff.page.click('[data-testid=check-lookup-typed]');
    await staff.page.waitForSelector('[data-testid=matrix]');
    expect(await staff.page.inputValue('[data-testid=lookup-username]')).toBe('taro');

    // A self-check from a listed device marks its cell in the matrix.
    const windowsCheck = await fetch(`${stack.labUrl}/api/check/codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consent: true, username: 'taro', facts: WINDOWS_10_NO_BLUETOOTH_FACTS }),
    });
    const previous = await staff.page.$('[data-testid=check-summary]');
    await staff.page.fill('[data-testid=check-code]', ((await windowsCheck.json()) as { code: string }).code);
    await staff.page.click('[data-testid=check-code-button]');
    // The first code's summary (also "typed: taro") stays until the second one's reply replaces it.
    await staff.page.waitForFunction((summary) => !summary?.isConnected, previous);
    await staff.page.click('[data-testid=check-lookup-typed]');
    await staff.page.waitForSelector('[data-testid=matrix-cell][data-confirmed]');
    expect(await staff.page.getAttribute('[data-testid=matrix-cell][data-confirmed]', 'data-device')).toBe(
      'windows-10-chrome-bt-absent-hello-no',
    );
    // Marked as the caller's PC, not as the account holder's: the name behind the code was only typed.
    expect(await staff.page.getAttribute('[data-testid=matrix-cell][data-confirmed]', 'data-confirmed')).toBe(
      'unverified',
    );
    expect(await staff.page.textContent('[data-testid=matrix-cell][data-confirmed]')).toContain('name unverified');

    // The support file a customer downloads from their account page finds their account too.
    const owner = new BrowserLikeClient();
    await accountFlows(stack).signUpWithPasskey(owner, 'bundle-owner');
    const bundle = (await owner.request(`${stack.labUrl}/api/account/support-bundle`)).body;
    await staff.page.setInputFiles('[data-testid=bundle-file]', {
      name: 'support-bundle.json',
      mimeType: 'application/json',
      buffer: Buffer.from(bundle),
    });
    await staff.page.waitForFunction(() =>
      document.querySelector('[data-testid=account-view] h2')?.textContent?.includes('bundle-owner'),
    );
    // Drawn with the account: the name is only what the file says (anyone can edit it), as a typed name is above.
    expect(await staff.page.$eval('[data-testid=bundle-unverified]', (note) => note.textContent)).toMatch(
      /^Name from the support file, not verified: "bundle-owner"/,
    );
    // The page also previews fixes (audited as fixes.preview); the look-up itself says it came from a file.
    const audit = stack.running.lab.repos.audit.recent(5).find((entry) => entry.action === 'account.lookup');
    expect(audit).toMatchObject({
      action: 'account.lookup',
      subject: 'bundle-owner',
      detail: { found: true, via: 'bundle' },
    });
    await staff.page.setInputFiles('[data-testid=bundle-file]', {
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"not":"a bundle"}'),
    });
    await staff.page.waitForSelector('[data-testid=status][data-tone=error]');
    await customer.close();
    await staff.close();
  });
});
