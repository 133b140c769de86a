import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device, releaseChromium, sharedChromium } from '../support/browser.js';
import { SCRIPTED_PAGES, loginPageReady, pageReady, signUp } from '../support/lab-pages.js';
import { startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// A page's script attaches its handlers only after its catalogue has loaded (a top-level await). Before that, a click
// on a form's button used to submit the form natively: a GET of the same page with the fields — a username — in the
// URL. The pages are served inert until their script is ready (client/src/lib/ready.ts); here the script or the
// catalogue is held back while a person types and clicks, then let go.

/** Holds back every request matching pattern until release() is called. */
async function holdBack(page: Page, pattern: RegExp) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  const seen = new Promise<void>((resolve) =>
    page.route(pattern, async (route) => {
      held++;
      resolve();
      await released;
      await route.continue();
    }),
  );
  return { seen, release, held: () => held };
}

/** Clicks where a person would (a mouse at the element's centre), not through Playwright's actionability waits. */
async function clickLikeAPerson(page: Page, selector: string) {
  const box = await (await page.waitForSelector(selector, { state: 'visible' })).boundingBox();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
}

const CATALOGUE = /\/assets\/(en|ja)-[A-Z0-9]+\.js$/;

describe.runIf(browserTestsEnabled())('pages take no input before their script is ready', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await releaseChromium(browser);
    await stack?.close();
  });

  const cases = [
    { path: '/login', held: /\/assets\/login\.js$/, what: 'script', submit: '[data-testid=login-button]' },
    { path: '/signup', held: CATALOGUE, what: 'catalogue', submit: '[data-testid=register-button]' },
  ] as const;

  for (const { path, held, what, submit } of cases) {
    it(`${path} with its ${what} held back: typing and clicking submit nothing; once loaded, the page works`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const navigations: string[] = [];
      page.on('request', (request: Request) => {
        if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations.push(request.url());
      });
      const hold = await holdBack(page, held);
      // The HTML arrives; the held module keeps DOMContentLoaded back, so wait for what is clicked.
      await page.goto(`${stack.labUrl}${path}`, { waitUntil: 'commit' });
      await hold.seen;
      // The script is asked for from <head>: wait until the parser has reached the form before looking at the body.
      await page.waitForSelector(submit, { state: 'attached' });
      expect(await page.evaluate(() => document.body.inert)).toBe(true);
      await clickLikeAPerson(page, '[data-testid=username]');
      await page.keyboard.type('someone');
      await page.keyboard.press('Enter');
      await clickLikeAPerson(page, submit);

      hold.release();
      await (path === '/login' ? loginPageReady(page) : pageReady(page));
      // Nothing was submitted while the page was loading: one navigation, no query string, the name never typed.
      expect(navigations).toEqual([`${stack.labUrl}${path}`]);
      expect(new URL(page.url()).search).toBe('');
      expect(await page.inputValue('[data-testid=username]')).toBe('');
      expect(hold.held()).toBe(1);

      // Ready: the script's own handler answers the same click, with the page's own refusal (no dialog needed): on
      // /login an empty name, on /signup a name mixing Latin and Cyrillic, which the server refuses.
      if (path === '/signup') await page.fill('[data-testid=username]', '\u0430lice');
      await page.click(submit);
      await page.waitForSelector('[data-testid=status][data-tone=error]');
      expect(navigations).toHaveLength(1);
      await context.close();
    }, 60_000);
  }

  it('a page whose catalogue never loads gives its links back, and its form still submits nothing natively', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const navigations: string[] = [];
    page.on('request', (request: Request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigations.push(request.url());
    });
    await page.route(CATALOGUE, (route) => route.abort());
    await page.goto(`${stack.labUrl}/signup`);
    await page.waitForFunction(() => !document.body.inert, undefined, { timeout: 15_000 });
    expect(await page.evaluate(() => document.body.dataset.ready)).toBeUndefined();
    await page.fill('[data-testid=username]', 'someone');
    await page.click('[data-testid=register-button]');
    await page.press('[data-testid=username]', 'Enter');
    // A native submit would start a navigation at once; give it time to show, then look: none may appear.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(navigations).toEqual([`${stack.labUrl}/signup`]);
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  }, 60_000);

  // A page that never lifted its inertness would take no input at all: every page served inert must lift it.
  it('every page served inert becomes ready (signed in, so /account and /history stay)', async () => {
    const device = await Device.open(browser, 'pc-with-hello');
    await signUp(device.page, stack.labUrl, 'ready-walk');
    const stuck: string[] = [];
    for (const path of SCRIPTED_PAGES) {
      await device.page.goto(`${stack.labUrl}${path}`);
      expect(new URL(device.page.url()).pathname).toBe(path.split('?')[0]);
      const ready = await device.page
        .waitForSelector('body[data-ready]:not([inert])', { state: 'attached', timeout: 15_000 })
        .then(() => true)
        .catch(() => false);
      if (!ready) stuck.push(path);
    }
    expect(stuck).toEqual([]);
    await device.close();
  }, 150_000);
});
