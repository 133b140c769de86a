import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OMNIBOX_WEBUI_FEATURES,
  PLAYWRIGHT_DISABLED_FEATURES,
  releaseChromium,
  sharedChromium,
} from '../support/browser.js';
import { browserTestsEnabled } from './guard.js';

// The browser tests' Chromium switches: our --disable-features replaces Playwright's (Chromium keeps the last one),
// so it must carry Playwright's whole list; and the per-window omnibox WebUI it turns off is really gone.

describe("Chromium's --disable-features", () => {
  it("repeats Playwright's own list exactly (update PLAYWRIGHT_DISABLED_FEATURES when Playwright changes it)", () => {
    const bundle = readFileSync(
      join(dirname(createRequire(import.meta.url).resolve('playwright-core')), 'lib', 'coreBundle.js'),
      'utf8',
    );
    const list = /\bdisabledFeatures = \[([^\]]*)\]/.exec(bundle)?.[1];
    expect(list, "Playwright's disabledFeatures list was not found in its bundle").toBeDefined();
    const playwrights = [...list!.replace(/\/\/.*$/gm, '').matchAll(/"([^"]+)"/g)].map((match) => match[1]);
    expect(playwrights.length).toBeGreaterThan(0);
    expect(new Set(PLAYWRIGHT_DISABLED_FEATURES)).toEqual(new Set(playwrights));
  });
});

describe.runIf(browserTestsEnabled())('the shared Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await sharedChromium();
  });
  afterAll(() => releaseChromium(browser));

  it("opens a context without preloading the omnibox's WebUI suggestion list (a renderer per window)", async () => {
    expect(OMNIBOX_WEBUI_FEATURES.length).toBeGreaterThan(0);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('data:text/html,<title>t</title><p>a page</p>');
    const session = await browser.newBrowserCDPSession();
    const { targetInfos } = await session.send('Target.getTargets');
    await session.detach();
    // The page itself is listed, so the listing includes this window's targets.
    expect(targetInfos.map((target) => target.url)).toContain('data:text/html,<title>t</title><p>a page</p>');
    expect(targetInfos.filter((target) => target.url.startsWith('chrome://omnibox-popup'))).toEqual([]);
    await context.close();
  });
});
