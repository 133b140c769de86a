import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Device } from '../support/browser.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// Issue 15 point 4 on the real sign-up page: a refused look-alike name is explained in the page's language.

describe.runIf(browserTestsEnabled())('sign-up page: refused usernames', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started), { IDP_MODE: 'off' });

  const cases = [
    { locale: 'ja-JP', expected: '見た目が似た別の文字体系', rules: '日本語とローマ字の組み合わせは使えます' },
    { locale: 'en-US', expected: 'mixes alphabets that look alike', rules: 'Japanese with Latin letters is fine' },
  ];
  for (const { locale, expected, rules } of cases) {
    it(`shows why "аlice" (Cyrillic а) is refused, in ${locale}`, async () => {
      const device = await Device.open(browser, 'phone', { locale });
      try {
        await device.page.goto(`${stack.labUrl}/signup`);
        await expect.poll(() => device.page.textContent('#username-rules')).toContain(rules);
        await device.page.fill('[data-testid=username]', '\u0430lice');
        await device.page.click('[data-testid=register-button]');
        await expect.poll(() => device.page.textContent('#status')).toContain(expected);
        expect(await device.credentials()).toEqual([]);
      } finally {
        await device.context.close();
      }
    }, 60_000);
  }
});
