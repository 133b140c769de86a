import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseChromium, sharedChromium } from '../support/browser.js';
import { startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// The reproductions of OS / browser sheets on /lab, and the gallery of real ones next to them.

const WINDOWS_10_USB =
  'os=windows&osVersion=10&browser=chrome&browserVersion=131&bluetooth=absent&account=phone-gpm&stored=none&transportsMode=omit';

describe.runIf(browserTestsEnabled())('dialog mock-ups and the real-sheet gallery', () => {
  let browser: Browser;
  let stack: Stack;
  const gallery = mkdtempSync(join(tmpdir(), 'lab-gallery-'));
  beforeAll(async () => {
    process.env.GALLERY_DIR = gallery;
    stack = await startStack();
    browser = await sharedChromium();
    // A gallery as `npm run gallery` writes it: a manifest naming each picture and the browser that drew it.
    const page = await browser.newPage();
    await page.setContent('<h1>Use your security key with localhost</h1>');
    writeFileSync(join(gallery, 'sheet-1.png'), await page.screenshot());
    await page.close();
    writeFileSync(
      join(gallery, 'manifest.json'),
      JSON.stringify({
        chromium: 'Chromium 150.0.7871.100',
        shots: [
          {
            variant: 'allowCredentials without transports',
            file: 'sheet-1.png',
            browser: 'Chromium 150.0.7871.100',
            predicted: 'chrome-security-key',
            ocrText: 'Use your security key',
            titleMatches: true,
          },
        ],
      }),
    );
  });
  afterAll(async () => {
    await releaseChromium(browser);
    await stack?.close();
    rmSync(gallery, { recursive: true, force: true });
    delete process.env.GALLERY_DIR;
  });

  for (const [lang, locale, reproduction, english] of [
    ['ja', 'ja-JP', '再現画面', /USB KEY|PASSKEY|HELLO|AUTOFILL|NO UI/],
    ['en', 'en-US', 'Reproduction', /USB キー|パスキー|画面なし/],
  ] as const) {
    it(`${lang}: the Windows USB prompt shows the key picture; every label is in the page's language; screen readers hear "${reproduction}"`, async () => {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${stack.labUrl}/lab?${WINDOWS_10_USB}`);
      const windows = page.locator('[data-testid=dialog-mockup][data-kind=windows-security-key]').first();
      await windows.waitFor();
      expect(await windows.locator('svg[data-testid=security-key-illustration]').count()).toBe(1);
      expect(await windows.locator('.mockup__icon').count()).toBe(0);
      for (const mockup of await page.locator('[data-testid=dialog-mockup]').all()) {
        expect(await mockup.getAttribute('aria-label')).toContain(reproduction);
        expect(await mockup.locator('.mockup__badge').textContent()).toContain(reproduction);
      }
      const icons = await page.locator('.mockup__icon').allTextContents();
      expect(icons.join(' ')).not.toMatch(english);
      await context.close();
    });

    it(`${lang}: the gallery shows on a Windows setting too, with its note, clickable pictures and the browser version`, async () => {
      const context = await browser.newContext({ locale, viewport: { width: 390, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${stack.labUrl}/lab?${WINDOWS_10_USB}`);
      await page.waitForSelector('#gallery:not([hidden]) [data-testid=gallery-shot]');
      expect(await page.isVisible('[data-testid=gallery-note]')).toBe(true);
      const shot = page.locator('[data-testid=gallery-shot]').first();
      expect(await shot.locator('figcaption').textContent()).toContain('Chromium 150.0.7871.100');
      const href = await shot.locator('a').getAttribute('href');
      expect(href).toBe('/gallery/sheet-1.png');
      const picture = await page.request.get(`${stack.labUrl}${href}`);
      expect(picture.headers()['content-type']).toBe('image/png');
      // Readable: the picture takes the card's width (not a thumbnail) without spilling off a phone's screen.
      const width = await shot.locator('img').evaluate((img) => img.getBoundingClientRect().width);
      expect(width).toBeGreaterThan(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await context.close();
    });
  }
});
