import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Device } from '../support/browser.js';
import { pageReady, signUp } from '../support/lab-pages.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// The history names each step in plain words in the page's language; the step's code (registration.verify, ...) is
// only in the row's details. It showed the codes, under the title 「セレモニー履歴」 ("options と verify").

describe.runIf(browserTestsEnabled())('history in plain words', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started), { IDP_MODE: 'off' });

  it('ja: every step of a sign-up is named in Japanese words, its code behind "details"', async () => {
    const device = await Device.open(browser, 'phone', { locale: 'ja-JP' });
    await signUp(device.page, stack.labUrl, 'history-words');
    await device.page.goto(`${stack.labUrl}/history`);
    await pageReady(device.page);
    await device.page.waitForSelector('#rows tr');
    const kinds = await device.page.$$eval('#rows tr td:nth-child(2)', (cells) =>
      cells.map((c) => c.textContent ?? ''),
    );
    const title = await device.page.textContent('h1');
    const details = await device.page.textContent('#rows tr details pre');
    await device.close();
    expect(kinds).toContain('パスキーを追加');
    expect(kinds.filter((kind) => /^[a-z]+\.[a-z.-]+$/.test(kind))).toEqual([]);
    expect(title).not.toContain('セレモニー');
    expect(details).toMatch(/"kind": "[a-z]+\.[a-z.-]+"/);
  });
});
