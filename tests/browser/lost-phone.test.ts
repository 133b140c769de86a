import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device, releaseChromium, sharedChromium } from '../support/browser.js';
import { pageReady, sessionOf, signUp } from '../support/lab-pages.js';
import { startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// The /lost-phone page in Chromium: signed-out identity proofing with the code from the owner's other channel (an
// inbox here, the server console under `npm start`), then a new passkey on the PC. Both languages.

describe.runIf(browserTestsEnabled())('lost phone: identity proofing on the page', () => {
  let browser: Browser;
  let stack: Stack;
  const inbox: { username: string; code: string }[] = [];

  beforeAll(async () => {
    stack = await startStack({}, { ownerChannel: { deliver: (message) => void inbox.push(message) } });
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await releaseChromium(browser);
    await stack?.close();
  });

  for (const locale of ['en-US', 'ja-JP']) {
    it(`a signed-out owner proves control of the other channel and registers a new passkey (${locale})`, async () => {
      const username = `lost-${locale.slice(0, 2)}`;
      const phone = await Device.open(browser, 'phone', { locale });
      await signUp(phone.page, stack.labUrl, username);
      const pc = await Device.open(browser, 'pc-with-hello', { locale });
      await pc.page.goto(`${stack.labUrl}/lost-phone`);
      await pageReady(pc.page);
      await pc.page.fill('[data-testid=proofing-username]', username);
      await pc.page.click('[data-testid=ask-code]');
      await pc.page.waitForSelector('[data-testid=proofing-code]:visible');
      // The page never shows the code; the owner reads it on the other channel.
      expect(await pc.page.content()).not.toContain(inbox.at(-1)!.code);
      await pc.page.fill('[data-testid=proofing-code]', inbox.at(-1)!.code);
      await pc.page.click('[data-testid=enter-code]');
      await pc.page.waitForSelector('[data-testid=status][data-tone=ok]');
      expect(await pc.page.textContent('[data-testid=status]')).toMatch(locale === 'ja-JP' ? /完了/ : /Done/);
      expect(await sessionOf(pc.page, stack.labUrl)).toMatchObject({
        user: { username },
        method: 'recovery',
        assurance: 'low',
      });
      expect((await sessionOf(phone.page, stack.labUrl)).user).toBeNull();

      await pc.page.click('[data-testid=register-new]');
      await pc.page.waitForURL(/\/signup/);
      await signUp(pc.page, stack.labUrl, username);
      expect(await sessionOf(pc.page, stack.labUrl)).toMatchObject({ method: 'passkey', assurance: 'high' });
      await phone.close();
      await pc.close();
    });
  }

  it('a signed-in session (a fallback login included) is told to sign out first and cannot ask for a code', async () => {
    const device = await Device.open(browser, 'pc-with-hello');
    await signUp(device.page, stack.labUrl, 'signed-in-visitor');
    await device.page.goto(`${stack.labUrl}/lost-phone`);
    await device.page.waitForSelector('[data-testid=proofing-signed-in]:visible');
    expect(await device.page.isVisible('[data-testid=ask-code]')).toBe(false);
    await device.page.click('[data-testid=proofing-sign-out]');
    await device.page.waitForSelector('[data-testid=ask-code]:visible');
    await device.close();
  });
});
