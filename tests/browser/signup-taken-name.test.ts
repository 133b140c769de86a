import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Device } from '../support/browser.js';
import { pageReady, signUp } from '../support/lab-pages.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// Signing up with a name that has an account: the server refuses the options with 401 sign_in_required (it reveals no
// more than that the name exists, docs/security.md), and the page says the name is in use and how its owner signs in,
// not only "Please sign in first."

describe.runIf(browserTestsEnabled())('sign-up page: a name that is taken', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started), { IDP_MODE: 'off' });

  const cases = [
    { locale: 'en-US', name: 'taken-en', expected: 'This username is already in use.' },
    { locale: 'ja-JP', name: 'taken-ja', expected: 'このユーザー名はすでに使われています。' },
  ];
  for (const { locale, name, expected } of cases) {
    it(`says the name is in use, in ${locale}`, async () => {
      const owner = await Device.open(browser, 'phone', { locale });
      const stranger = await Device.open(browser, 'phone', { locale });
      try {
        await signUp(owner.page, stack.labUrl, name);
        await stranger.page.goto(`${stack.labUrl}/signup`);
        await pageReady(stranger.page);
        await stranger.page.fill('[data-testid=username]', name);
        await stranger.page.click('[data-testid=register-button]');
        await stranger.page.waitForSelector('[data-testid=status][data-tone=error]');
        expect(await stranger.page.textContent('[data-testid=status]')).toContain(expected);
        expect(await stranger.credentials()).toEqual([]);
      } finally {
        await owner.context.close();
        await stranger.context.close();
      }
    }, 60_000);
  }
});
