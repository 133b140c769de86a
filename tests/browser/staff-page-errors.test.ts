import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createInvite } from '../../server/support/invites.js';
import { Device } from '../support/browser.js';
import type { Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// The Japanese staff sign-in page says a refusal in Japanese: it showed the server's English sentence (here the schema
// error for a name pasted with a tab in it).

describe.runIf(browserTestsEnabled())('staff page refusals in Japanese', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started), { IDP_MODE: 'off' });

  it('a refused enrolment is said in Japanese, not in the server’s English', async () => {
    const device = await Device.open(browser, 'pc-with-hello', { locale: 'ja-JP' });
    try {
      await device.page.goto(createInvite(stack.running.lab.repos, stack.labUrl, null).link);
      await device.page.fill('[data-testid=staff-name]', '佐藤\t花子');
      await device.page.click('[data-testid=enroll-button]');
      await device.page.waitForSelector('#status[data-tone=error]');
      const text = (await device.page.textContent('#status')) ?? '';
      expect(text).toContain('うまくいきませんでした');
      expect(text).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    } finally {
      await device.context.close();
    }
  }, 60_000);
});
