import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Device } from '../support/browser.js';
import { pageReady, signUp } from '../support/lab-pages.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// The account page says where a passkey works ("this device", "a phone nearby") and what its health notes mean in
// plain words; the WebAuthn terms (transports, internal, hybrid, AAGUID) are only behind each cell's details toggle.
// The column was headed "transports" and the notes read 「transports が保存されていません」「internal」「hybrid」.

const TERMS = /transports|internal|hybrid|AAGUID|attestation/i;

describe.runIf(browserTestsEnabled())('account page in plain words', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started), { IDP_MODE: 'off' });

  for (const [lang, locale, reach] of [
    ['ja', 'ja-JP', '使える場所'],
    ['en', 'en-US', 'Where it works'],
  ] as const) {
    it(`${lang}: the passkey table shows plain words first, the terms of art behind "details"`, async () => {
      const device = await Device.open(browser, 'phone', { locale });
      await signUp(device.page, stack.labUrl, `account-words-${lang}`);
      await device.page.goto(`${stack.labUrl}/account`);
      await pageReady(device.page);
      await device.page.waitForSelector('tr[data-credential]');
      const headers = await device.page.$$eval('thead th', (cells) => cells.map((c) => c.textContent ?? ''));
      // What is read without opening anything: each cell's text outside its <details>.
      const visible = await device.page.$$eval('tr[data-credential] td, tr[data-credential] li', (cells) =>
        cells.map((cell) =>
          Array.from(cell.childNodes)
            .filter((node) => node.nodeName !== 'DETAILS' && node.nodeName !== 'UL' && node.nodeName !== 'INPUT')
            .map((node) => node.textContent ?? '')
            .join(''),
        ),
      );
      const details = await device.page.$$eval('tr[data-credential] details', (all) =>
        all.map((d) => d.textContent ?? ''),
      );
      await device.close();
      expect(headers).toContain(reach);
      expect(headers.filter((header) => TERMS.test(header))).toEqual([]);
      expect(visible.filter((text) => TERMS.test(text))).toEqual([]);
      expect(details.some((text) => text.includes('transports:'))).toBe(true);
    });
  }
});
