import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device, releaseChromium, sharedChromium } from '../support/browser.js';
import { LINE_LIKE_ACCOUNTS } from '../../server/idp/accounts.js';
import { SCRIPTED_PAGES, signUp } from '../support/lab-pages.js';
import { lineLogin } from '../support/story-flow.js';
import { axeFindings, horizontalOverflow, watchPage } from '../support/page-checks.js';
import { startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// Every page, both languages, a phone's width and a laptop's: it fits, the console stays clean, every request
// succeeds, and axe-core finds nothing serious. Pages are visited signed in (a passkey made on this "device").

const PAGES = [...SCRIPTED_PAGES, '/phone', '/api/docs'];
/** The mock providers' screens, reached as a visitor does: from the lab's buttons, and "LINE on your phone". */
const PROVIDER_PAGES = ['/auth/google/start', '/auth/line/start', 'idp:/ui/line/phone'];
const WIDTHS = [390, 1280] as const;
const LANGS = ['ja', 'en'] as const;

describe.runIf(browserTestsEnabled())('every page at 390 and 1280 px, in Japanese and English', () => {
  it('/history signed out goes to sign-in, as /account does', async () => {
    for (const path of ['/history', '/account']) {
      // A page of its own for each path (one already on /login would match at once), and the page's own redirect may
      // interrupt the first load: wait for the URL, not for goto.
      const page = await browser.newPage();
      await Promise.all([
        page.waitForURL(/\/login$/, { timeout: 15_000 }),
        page.goto(`${stack.labUrl}${path}`).catch(() => null),
      ]);
      await page.close();
    }
  });

  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ IDP_MODE: 'mock' });
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await releaseChromium(browser);
    await stack?.close();
  });

  // The four walks (two languages × two widths) share the lab and the browser and run at the same time: each waits on
  // its pages going quiet (networkidle) most of the time, so together they take little longer than one.
  describe('each page', () => {
    for (const lang of LANGS) {
      for (const width of WIDTHS) {
        it.concurrent(
          `${lang} at ${width} px: no sideways scrolling, no console error, no failed request, no serious axe finding`,
          async ({ expect }) => {
            const device = await Device.open(browser, 'phone', { locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
            const page = device.page;
            await page.setViewportSize({ width, height: 900 });
            await signUp(page, stack.labUrl, `pages-${lang}-${width}`);
            const problems: string[] = [];
            for (const path of [...PAGES, ...PROVIDER_PAGES]) {
              const seen = watchPage(page);
              await page.goto(path.startsWith('idp:') ? `${stack.idpUrl}${path.slice(4)}` : `${stack.labUrl}${path}`, {
                waitUntil: 'networkidle',
              });
              const icon = await page.evaluate(async () => {
                const href =
                  document.querySelector<HTMLLinkElement>('link[rel~=icon]')?.href ?? `${location.origin}/favicon.ico`;
                const reply = await fetch(href);
                return `${reply.status} ${reply.headers.get('content-type')}`;
              });
              if (!icon.startsWith('200 image/')) problems.push(`${path}: favicon answers ${icon}`);
              const { overflow, culprits } = await horizontalOverflow(page);
              if (overflow > 0) problems.push(`${path}: scrolls ${overflow} px sideways (${culprits.join(', ')})`);
              for (const error of seen.consoleErrors) problems.push(`${path}: console error ${error}`);
              for (const failed of seen.failedRequests) problems.push(`${path}: failed request ${failed}`);
              // /api/docs is swagger-ui's markup: each operation's summary is a button holding a copy button, which axe's
              // nested-interactive rule reports and only swagger-ui can change; every other rule applies there too.
              for (const finding of await axeFindings(
                page,
                undefined,
                path === '/api/docs' ? ['nested-interactive'] : [],
              ))
                problems.push(
                  `${path}: axe ${finding.impact} ${finding.id} (${finding.help}) at ${finding.targets.join(' | ')}`,
                );
              page.removeAllListeners('console');
              page.removeAllListeners('pageerror');
              page.removeAllListeners('requestfailed');
              page.removeAllListeners('response');
            }
            await device.close();
            expect(problems).toEqual([]);
          },
          180_000,
        );
      }
    }
  });

  for (const lang of LANGS) {
    it(`${lang}: dates in the page's language; a disabled button looks disabled`, async () => {
      const device = await Device.open(browser, 'phone', { locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      await signUp(device.page, stack.labUrl, `dates-${lang}`);
      await device.page.goto(`${stack.labUrl}/account`);
      const created = await device.page.locator('[data-testid=credentials] tbody tr td').nth(4).textContent();
      // ja: 2026/11/30 3:13 · en: 30 Nov 2026, 03:13 — no seconds, no other language's month names.
      expect(created).toMatch(
        lang === 'ja' ? /^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/ : /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/,
      );
      const looks = await device.page.evaluate(() => {
        const style = (disabled: boolean) => {
          const button = document.createElement('button');
          button.textContent = 'x';
          button.disabled = disabled;
          document.querySelector('main')!.append(button);
          const computed = getComputedStyle(button);
          const result = { background: computed.backgroundColor, cursor: computed.cursor };
          button.remove();
          return result;
        };
        return { enabled: style(false), disabled: style(true) };
      });
      expect(looks.disabled.background).not.toBe(looks.enabled.background);
      expect(looks.disabled.cursor).toBe('not-allowed');
      await device.close();
    }, 60_000);

    it(`${lang}: signed in through LINE, the header fits at 390 and 1280 px and its status nests no brackets`, async () => {
      await fetch(`${stack.labUrl}/api/lab/seed-story`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.labUrl },
        body: '{}',
      });
      const locale = lang === 'ja' ? 'ja-JP' : 'en-US';
      const pc = await browser.newContext({ locale });
      const phone = await browser.newContext({ locale });
      const page = await pc.newPage();
      await page.goto(`${stack.labUrl}/auth/line/start`);
      await lineLogin(page, await phone.newPage(), LINE_LIKE_ACCOUNTS[0]!, stack.idpUrl, async () => {});
      await page.waitForURL(/\/account/);
      // Low assurance: step-up is offered, registering a passkey here is not (it would be refused until step-up).
      await page.waitForSelector('[data-testid=low-assurance]:not([hidden])');
      await page.waitForSelector('[data-testid=offer-local-passkey][data-decided]', { state: 'attached' });
      expect(await page.isVisible('[data-testid=offer-local-passkey]')).toBe(false);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.reload({ waitUntil: 'networkidle' });
        const status = (await page.textContent('[data-testid=session-status]')) ?? '';
        expect(status).toContain(lang === 'ja' ? 'LINE 風ログイン' : 'LINE-like login');
        expect(status).not.toMatch(/[（(][^）)]*[（(]/);
        const { overflow, culprits } = await horizontalOverflow(page);
        expect(overflow, `${width} px: ${culprits.join(', ')}`).toBeLessThanOrEqual(0);
      }
      await pc.close();
      await phone.close();
    }, 120_000);
  }
});
