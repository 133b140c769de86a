import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { SourceAgent } from '../support/source-agent.js';
import { BrowserLikeClient, type Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// Issue 15 point 5: /history shows attempts by someone who typed the owner's name as a summary (ja and en).
describe.runIf(browserTestsEnabled())('/history in Chromium', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started), { IDP_MODE: 'off' });

  it("summarises strangers' attempts per day and outcome, in Japanese and English", async () => {
    // The owner signs up over HTTP; the session cookie then goes into the browser.
    const owner = new BrowserLikeClient();
    const authenticator = new SoftAuthenticator({ origin: stack.labUrl });
    const options = JSON.parse(
      (await owner.request(`${stack.labUrl}/api/registration/options`, { json: { username: 'owner' } })).body,
    );
    expect(
      (
        await owner.request(`${stack.labUrl}/api/registration/verify`, {
          json: { response: authenticator.createCredential(options) },
        })
      ).status,
    ).toBe(200);

    const stranger = new SourceAgent(stack.labUrl, '127.0.0.90');
    for (let i = 0; i < 3; i++) {
      const attempt = await stranger.post('/api/authentication/options', { username: 'owner' });
      if (i === 0)
        await stranger.post('/api/authentication/failure', {
          name: 'NotAllowedError',
          message: 'typed by a stranger',
          challenge: attempt.body.challenge,
        });
    }

    for (const lang of ['en', 'ja'] as const) {
      const context = await browser.newContext();
      const cookies = (await owner.jar.getCookies(stack.labUrl)).map((cookie) => ({
        name: cookie.key,
        value: cookie.value,
        url: stack.labUrl,
      }));
      await context.addCookies([...cookies, { name: 'lang', value: lang, url: stack.labUrl }]);
      const page = await context.newPage();
      await page.goto(`${stack.labUrl}/history`);
      const section = page.getByTestId('stranger-attempts');
      await section.locator('#strangers-table:not([hidden])').waitFor();
      const rows = await section
        .locator('#stranger-rows tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      const today = new Date().toISOString().slice(0, 10);
      const outcome =
        lang === 'ja'
          ? { cancelled: 'キャンセル', unfinished: '途中で終了' }
          : { cancelled: 'cancelled', unfinished: 'not finished' };
      expect(rows).toEqual([
        [today, outcome.cancelled, '1', '1'],
        [today, outcome.unfinished, '2', '1'],
      ]);
      const heading = await section.locator('h2').textContent();
      expect(heading).toBe(
        lang === 'ja'
          ? 'あなたのユーザー名を入力した人によるログインの試み'
          : 'Attempts by someone who typed your name',
      );
      expect(await page.content()).not.toContain('typed by a stranger');
      await context.close();
    }
  }, 60_000);
});
