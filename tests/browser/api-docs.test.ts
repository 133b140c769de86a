import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseChromium, sharedChromium } from '../support/browser.js';
import { stackPerFile } from '../support/stack-per-test.js';
import { browserTestsEnabled } from './guard.js';

// Issue 15 point 14 (and issue 11 point 9): /api/docs is served under the lab's own CSP and still renders cleanly.

const lab = stackPerFile({ IDP_MODE: 'off' });

const cspOf = async (path: string) =>
  (await fetch(`${lab.stack.labUrl}${path}`)).headers.get('content-security-policy');

describe('/api/docs headers', () => {
  it('carry the same Content-Security-Policy as the lab pages: no upgrade-insecure-requests, no outside image host', async () => {
    const lab = await cspOf('/login');
    expect(lab).toContain("style-src 'self'");
    for (const path of ['/api/docs', '/api/docs/', '/api/docs/static/swagger-initializer.js']) {
      const csp = await cspOf(path);
      expect(csp, path).toBe(lab);
      expect(csp, path).not.toMatch(/upgrade-insecure-requests|validator\.swagger\.io|https:;/);
    }
  });
});

describe.runIf(browserTestsEnabled())('/api/docs in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await releaseChromium(browser);
  });

  it('renders every operation without a console error or a CSP violation', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.text().startsWith('csp-violation')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        console.warn(`csp-violation ${event.effectiveDirective} ${event.sourceFile}`),
      ),
    );
    await page.goto(`${lab.stack.labUrl}/api/docs`, { waitUntil: 'networkidle' });
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
    await expect
      .poll(() => page.locator('.opblock-summary-path').allTextContents())
      .toContain('/api/registration/options');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
