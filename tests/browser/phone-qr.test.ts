import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import jsQRModule from 'jsqr';
import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.js';
import { testCertificates, type TestCertificates } from '../support/https.js';
import { startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// jsqr is CommonJS with a `default` export: under NodeNext the types see the module object.
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;

describe.runIf(browserTestsEnabled())('"Open on your phone" over HTTPS in Chromium', () => {
  let certs: TestCertificates;
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    certs = await testCertificates('lab.home.arpa');
    stack = await startStack({ TLS_CERT: certs.files.cert, TLS_KEY: certs.files.key });
    // Chromium trusts exactly this server key (as a device that installed the lab's CA would), nothing else.
    const leaf = new X509Certificate(readFileSync(certs.files.cert));
    const spki = createHash('sha256')
      .update(leaf.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (certs) rmSync(certs.dataDir, { recursive: true, force: true });
  });

  it('opens the lab over HTTPS (a secure context with WebAuthn) and shows a QR code that decodes to the public URL', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const response = await page.goto(`${stack.labUrl}/phone`);
    expect(response?.status()).toBe(200);
    expect(
      await page.evaluate(() => ({
        secure: window.isSecureContext,
        webauthn: typeof PublicKeyCredential === 'function',
      })),
    ).toEqual({ secure: true, webauthn: true });
    // The header's link leads here, so a developer finds the page from any page.
    await expect(page.locator('header.site a[href="/phone"]').textContent()).resolves.toBe('On your phone');

    const png = PNG.sync.read(await page.locator('[data-testid="phone-qr"] svg').screenshot());
    const decoded = jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
      png.width,
      png.height,
    );
    expect(decoded?.data).toBe(`${stack.labUrl}/login`);
    // https://localhost is fine for this PC, not for a phone: the page says so.
    await expect(
      page
        .locator('[data-testid="phone-cannot"] [data-problem]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-problem'))),
    ).resolves.toEqual(['localhost']);
    await context.close();
  }, 60_000);
});
