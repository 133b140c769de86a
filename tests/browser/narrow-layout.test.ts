import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Device } from '../support/browser.js';
import { loginPageReady, pageReady, signUp } from '../support/lab-pages.js';
import { axeFindings } from '../support/page-checks.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// At a phone's width (390 px), in both languages: checkboxes keep their size in flex rows (the self-check's consent
// box was 4.6 px wide, and its "send" button waits for it), the header's links do not break inside a word, and text
// that scrolls (the raw requests) can be reached by keyboard.

describe.runIf(browserTestsEnabled())('pages at 390 px', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started), { IDP_MODE: 'off' });

  for (const locale of ['ja-JP', 'en-US']) {
    it(`${locale}: every checkbox on /check, /lab and /login is at least 13 px wide`, async () => {
      const device = await Device.open(browser, 'phone', { locale });
      for (const path of ['/check', '/lab', '/login?autofill=off']) {
        await device.page.goto(`${stack.labUrl}${path}`);
        await device.page.waitForSelector('body[data-ready]:not([inert])', { state: 'attached' });
        await device.page.evaluate(() =>
          document.querySelectorAll('details').forEach((details) => (details.open = true)),
        );
        const widths = await device.page.$$eval('input[type=checkbox]', (boxes) =>
          boxes
            .filter((box) => (box as HTMLElement).offsetParent !== null)
            .map((box) => ({ id: box.id || box.getAttribute('name'), width: box.getBoundingClientRect().width })),
        );
        expect(widths.length, path).toBeGreaterThan(0);
        for (const { id, width } of widths) expect(width, `${path} #${id}`).toBeGreaterThanOrEqual(13);
      }
      await device.close();
    });

    it(`${locale}: the header's links each stay on one line`, async () => {
      const device = await Device.open(browser, 'phone', { locale });
      await device.page.goto(`${stack.labUrl}/login?autofill=off`);
      await loginPageReady(device.page);
      const lines = await device.page.$$eval('header.site nav a, header.site .brand', (items) =>
        items.map((item) => {
          const style = getComputedStyle(item);
          const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
          return { text: item.textContent, lines: Math.round(item.getBoundingClientRect().height / lineHeight) };
        }),
      );
      for (const { text, lines: count } of lines) expect(count, text ?? '').toBeLessThanOrEqual(1);
      await device.close();
    });
  }

  it('the raw request and response on /login can be reached by keyboard (axe: scrollable-region-focusable)', async () => {
    const device = await Device.open(browser, 'phone', { locale: 'ja-JP' });
    await device.page.goto(`${stack.labUrl}/login?autofill=off`);
    await loginPageReady(device.page);
    await device.page.$$eval('pre', (blocks) => {
      for (const block of blocks) {
        block.textContent = 'x'.repeat(40) + '\n'.repeat(80);
        block.closest('details')?.setAttribute('open', '');
      }
    });
    const findings = await axeFindings(device.page);
    await device.close();
    expect(findings.filter((finding) => finding.id === 'scrollable-region-focusable')).toEqual([]);
  });

  it('/history with its "details" opened has no serious axe finding (the raw entries scroll)', async () => {
    const device = await Device.open(browser, 'phone', { locale: 'ja-JP' });
    await signUp(device.page, stack.labUrl, 'narrow-history');
    await device.page.goto(`${stack.labUrl}/history`);
    await pageReady(device.page);
    await device.page.waitForSelector('#rows tr');
    await device.page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
    const findings = await axeFindings(device.page);
    await device.close();
    expect(findings.map((finding) => `${finding.impact} ${finding.id} @ ${finding.targets.join(' | ')}`)).toEqual([]);
  });
});
