import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import sayEn from '../../client/src/i18n/support/say.en.json' with { type: 'json' };
import sayJa from '../../client/src/i18n/support/say.ja.json' with { type: 'json' };
import errorsEn from '../../client/src/i18n/history-errors.en.json' with { type: 'json' };
import errorsJa from '../../client/src/i18n/history-errors.ja.json' with { type: 'json' };
import { Device, PHONE_VIEWPORT } from '../support/browser.js';
import { loginUsernameFirst, pageReady, signUp } from '../support/lab-pages.js';
import { axeFindings } from '../support/page-checks.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { BrowserLikeClient, type Stack } from '../support/stack.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

// The history names each step in plain words in the page's language; the step's code (registration.verify, ...) is
// only in the row's details. It showed the codes, under the title 「セレモニー履歴」 ("options と verify"), and the
// predicted sheet by its code (windows-security-key) where the support console describes it in words, and what went
// wrong by its code (NotAllowedError, verification_failed).

/**
 * A Windows 10 PC whose browser cannot reach a phone (tests/api/dialogs.test.ts): the lab predicts the USB-key sheet.
 */
const win10NoBluetooth = {
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  platform: 'Windows',
  platformVersion: '10.0.0',
  capabilities: { hybridTransport: false },
  uvpaa: true,
};

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

  it('names the predicted sheet of a login in words, in Japanese and English, its code behind "details"', async () => {
    // The owner signs up over HTTP, then starts a login from a Windows 10 PC without phone support.
    const owner = new BrowserLikeClient();
    const authenticator = new SoftAuthenticator({ origin: stack.labUrl });
    const options = JSON.parse(
      (await owner.request(`${stack.labUrl}/api/registration/options`, { json: { username: 'sheet-words' } })).body,
    );
    const registered = await owner.request(`${stack.labUrl}/api/registration/verify`, {
      json: { response: authenticator.createCredential(options) },
    });
    expect(registered.status).toBe(200);
    const login = await owner.request(`${stack.labUrl}/api/authentication/options`, {
      json: { username: 'sheet-words', transportsMode: 'omit', client: win10NoBluetooth },
    });
    expect(login.status).toBe(200);
    const history = JSON.parse((await owner.request(`${stack.labUrl}/api/account/ceremonies?limit=10`)).body) as {
      ceremonies: { kind: string; prediction?: { kind?: string } }[];
    };
    const code = 'windows-security-key';
    expect(history.ceremonies.find((entry) => entry.kind === 'authentication.options')?.prediction?.kind).toBe(code);

    const cookies = (await owner.jar.getCookies(stack.labUrl)).map((cookie) => ({
      name: cookie.key,
      value: cookie.value,
      url: stack.labUrl,
    }));
    for (const [lang, say] of [
      ['ja', sayJa],
      ['en', sayEn],
    ] as const) {
      const context = await browser.newContext({ viewport: PHONE_VIEWPORT });
      await context.addCookies([...cookies, { name: 'lang', value: lang, url: stack.labUrl }]);
      const page = await context.newPage();
      await page.goto(`${stack.labUrl}/history`);
      await pageReady(page);
      const row = page.locator('#rows tr[data-kind="authentication.options"]');
      const cell = row.locator('td').nth(4);
      await cell.waitFor();
      const words = (await cell.textContent()) ?? '';
      const label = await cell.getAttribute('data-label');
      await row.locator('details summary').click();
      const details = (await row.locator('details pre').textContent()) ?? '';
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      const findings = await axeFindings(page);
      await context.close();

      expect(words, lang).toBe(say.support.say[code].see);
      expect(words, lang).not.toContain(code);
      expect(label, lang).toBe(lang === 'ja' ? '予測した画面' : 'Window the lab expected');
      // The code stays reachable for support, behind "details".
      expect(details, lang).toContain(`"kind": "${code}"`);
      expect(wide, lang).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
      expect(findings.map((finding) => `${finding.impact} ${finding.id} @ ${finding.targets.join(' | ')}`)).toEqual([]);
    }
  }, 60_000);

  it('says what went wrong in a failed login in words, in Japanese and English, its code behind "details"', async () => {
    // The owner, signed in on the phone, logs in again twice: the passkey's answer does not verify (the lab refuses
    // it), then the phone has no passkey any more (the browser's request ends with NotAllowedError).
    const device = await Device.open(browser, 'phone');
    await signUp(device.page, stack.labUrl, 'error-words');
    await device.setResponseOverrideBits({ isBogusSignature: true });
    expect(await loginUsernameFirst(device.page, stack.labUrl, 'error-words')).toBe('failed');
    await device.setResponseOverrideBits({ isBogusSignature: false });
    await device.cdp.send('WebAuthn.clearCredentials', { authenticatorId: device.authenticatorId });
    expect(await loginUsernameFirst(device.page, stack.labUrl, 'error-words')).toBe('failed');
    // The page reports the browser's failure, then draws the lab's explanation from the reply.
    await device.page.waitForSelector('[data-testid=explanation]');
    const recorded = await device.page.evaluate(async (url) => {
      const reply = await fetch(`${url}/api/account/ceremonies?limit=20`);
      return ((await reply.json()) as { ceremonies: { kind: string; errorCode?: string | null }[] }).ceremonies
        .filter((entry) => entry.errorCode)
        .map((entry) => `${entry.kind} ${entry.errorCode}`);
    }, stack.labUrl);
    expect(recorded.sort()).toEqual([
      'authentication.failure NotAllowedError',
      'authentication.verify verification_failed',
    ]);

    const steps = [
      { kind: 'authentication.verify', group: 'refused', code: 'verification_failed' },
      { kind: 'authentication.failure', group: 'browser', code: 'NotAllowedError' },
    ] as const;
    for (const [lang, words] of [
      ['ja', errorsJa.historyErrors],
      ['en', errorsEn.historyErrors],
    ] as const) {
      await device.context.addCookies([{ name: 'lang', value: lang, url: stack.labUrl }]);
      await device.page.goto(`${stack.labUrl}/history`);
      await pageReady(device.page);
      for (const { kind, group, code } of steps) {
        const row = device.page.locator(`#rows tr[data-kind="${kind}"]`).first();
        const cell = row.locator('td').nth(3);
        await cell.waitFor();
        const text = (await cell.textContent()) ?? '';
        const label = await cell.getAttribute('data-label');
        await row.locator('details summary').click();
        const details = (await row.locator('details pre').textContent()) ?? '';

        expect(text, `${lang} ${kind}`).toBe((words[group] as Record<string, string>)[code]);
        expect(text, `${lang} ${kind}`).not.toContain(code);
        expect(label, lang).toBe(lang === 'ja' ? 'うまくいかなかった理由' : 'What went wrong');
        // The code stays reachable for support, behind "details".
        expect(details, `${lang} ${kind}`).toContain(`"errorCode": "${code}"`);
      }
      expect(await device.page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(
        PHONE_VIEWPORT.width,
      );
      const findings = await axeFindings(device.page);
      expect(findings.map((finding) => `${finding.impact} ${finding.id} @ ${finding.targets.join(' | ')}`)).toEqual([]);
    }
    await device.close();
  }, 90_000);
});
