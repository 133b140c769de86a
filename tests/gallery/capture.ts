import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { predictDialog } from '../../server/dialogs/predict.js';
import type { ScreenKind } from '../../server/dialogs/types.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { startStack } from '../support/stack.js';

// The real-dialog gallery: a headed Chromium under Xvfb with NO virtual authenticator draws its own WebAuthn sheets;
// each is captured from the X screen (the sheets are browser UI, outside any page screenshot), its title read by
// OCR, and compared with the predictor's answer for "Chrome on Linux, no Bluetooth".

const run = promisify(execFile);

export interface GalleryShot {
  variant: string;
  file: string;
  request: { allowCredentials?: { id: string; transports?: string[] }[]; hints?: string[] };
  predicted: ScreenKind;
  expectedTitle: string;
  ocrText: string;
  titleMatches: boolean;
}

export interface Gallery {
  chromium: string;
  capturedAt: string;
  shots: GalleryShot[];
}

/** The English title of each sheet the predictor can name on desktop Linux (dialogs.md §4.1). */
export const LINUX_TITLES: Partial<Record<ScreenKind, string>> = {
  'chrome-security-key': 'Use your security key with',
  'chrome-no-passkeys': 'No passkeys available',
  'chrome-qr': 'Use a passkey from another device',
};

export const galleryToolsAvailable = () => ['/usr/bin/Xvfb', '/usr/bin/import', '/usr/bin/tesseract'].every((tool) => existsSync(tool)) && existsSync(CHROMIUM_PATH);

async function startXvfb(display: string): Promise<ChildProcess> {
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if (existsSync(`/tmp/.X11-unix/X${display.slice(1)}`)) return xvfb;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  xvfb.kill();
  throw new Error(`Xvfb did not start on ${display}`);
}

/** OCR of the sheet: Chrome anchors it under the address bar, centred on the window. Upscaled for Tesseract. */
async function readTitle(png: string, display: string): Promise<string> {
  const crop = png.replace(/\.png$/, '.ocr.png');
  await run('convert', [png, '-crop', '700x330+290+85', '-resize', '200%', '-colorspace', 'Gray', crop], { env: { ...process.env, DISPLAY: display } });
  const { stdout } = await run('tesseract', [crop, '-', '-l', 'eng', '--psm', '6']);
  return stdout.replace(/\s+/g, ' ').trim();
}

export async function captureGallery(outputDir: string, options: { display?: string; log?: (line: string) => void } = {}): Promise<Gallery> {
  const display = options.display ?? `:${90 + Math.floor(Math.random() * 9)}`;
  const log = options.log ?? (() => {});
  mkdirSync(outputDir, { recursive: true });
  const xvfb = await startXvfb(display);
  const stack = await startStack({ IDP_MODE: 'off' });
  try {
    const base = stack.labUrl;
    const { repos } = stack.running.lab;
    // Two accounts, registered through the API with real signatures: a phone passkey and a USB key.
    const register = async (username: string, authenticator: SoftAuthenticator) => {
      const cookies: string[] = [];
      const call = async (path: string, body: unknown) => {
        const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies.join('; ') }, body: JSON.stringify(body) });
        for (const c of response.headers.getSetCookie()) cookies.push(c.split(';')[0]!);
        return response.json();
      };
      const options = await call('/api/registration/options', { username });
      await call('/api/registration/verify', { response: authenticator.createCredential(options) });
    };
    await register('phone-user', new SoftAuthenticator({ origin: base, transports: ['hybrid', 'internal'], backupEligible: true, backedUp: true }));
    await register('internal-only', new SoftAuthenticator({ origin: base, transports: ['internal'], backupEligible: true, backedUp: true }));
    await register('key-user', new SoftAuthenticator({ origin: base, transports: ['usb'], attachment: 'cross-platform' }));

    const variants: { variant: string; body: Record<string, unknown> }[] = [
      { variant: 'transports stored (hybrid, internal)', body: { username: 'phone-user', transportsMode: 'stored' } },
      { variant: 'transports omitted', body: { username: 'phone-user', transportsMode: 'omit' } },
      { variant: 'internal only', body: { username: 'internal-only', transportsMode: 'stored' } },
      { variant: 'stored plus hybrid', body: { username: 'internal-only', transportsMode: 'add-hybrid' } },
      { variant: 'hint security-key', body: { username: 'phone-user', transportsMode: 'omit', hints: ['security-key'] } },
      { variant: 'hint hybrid', body: { username: 'phone-user', transportsMode: 'omit', hints: ['hybrid'] } },
      { variant: 'hint client-device', body: { username: 'phone-user', transportsMode: 'omit', hints: ['client-device'] } },
      { variant: 'usernameless', body: {} },
      { variant: 'security key (usb)', body: { username: 'key-user', transportsMode: 'stored' } },
    ];

    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: false,
      args: [...CHROMIUM_ARGS, '--lang=en-US', '--window-size=1280,800', '--window-position=0,0'],
      env: { ...process.env, DISPLAY: display, LANG: 'en_US.UTF-8' } as Record<string, string>,
    });
    const version = browser.version();
    const shots: GalleryShot[] = [];
    try {
      for (const [index, { variant, body }] of variants.entries()) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 700 }, locale: 'en-US' });
        const page = await context.newPage();
        await page.goto(`${base}/login?autofill=off`);
        const options = await page.evaluate(async ({ url, request }) => {
          const response = await fetch(`${url}/api/authentication/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
          const json = await response.json();
          // No virtual authenticator: Chromium draws its own sheet and the promise stays pending.
          const publicKey = (PublicKeyCredential as unknown as { parseRequestOptionsFromJSON: (o: unknown) => PublicKeyCredentialRequestOptions }).parseRequestOptionsFromJSON(json);
          void navigator.credentials.get({ publicKey }).catch(() => undefined);
          return json;
        }, { url: base, request: body });
        await page.waitForTimeout(1500);
        const file = `sheet-${index + 1}.png`;
        await run('import', ['-window', 'root', join(outputDir, file)], { env: { ...process.env, DISPLAY: display } });
        const ocrText = await readTitle(join(outputDir, file), display);
        const account = body.username ? repos.accounts.findByUsername(String(body.username)) : undefined;
        const credentials = account ? repos.credentials.listForAccount(account.id) : [];
        const prediction = predictDialog({
          ceremony: 'get',
          request: { allowCredentials: options.allowCredentials ?? [], hints: options.hints ?? [] },
          credentials: credentials.map((c) => ({ id: c.id, ...(c.transports ? { transports: c.transports } : {}), location: c.attachment === 'cross-platform' ? 'security-key' : 'phone' })),
          client: { os: 'linux', browser: 'chrome', browserVersion: Number(version.split('.')[0]), bluetooth: 'absent', platformAuthenticator: false, syncedProviders: [] },
        });
        const expectedTitle = LINUX_TITLES[prediction.screen.kind] ?? prediction.screen.title;
        const titleMatches = ocrText.toLowerCase().includes(expectedTitle.toLowerCase());
        shots.push({ variant, file, request: { allowCredentials: options.allowCredentials, hints: options.hints }, predicted: prediction.screen.kind, expectedTitle, ocrText, titleMatches });
        log(`${titleMatches ? 'agrees ' : 'DIFFERS'}  ${variant.padEnd(38)} predicted ${prediction.screen.kind.padEnd(22)} OCR: ${ocrText.slice(0, 80)}`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    const gallery: Gallery = { chromium: `Chromium ${version}`, capturedAt: new Date().toISOString(), shots };
    writeFileSync(join(outputDir, 'manifest.json'), JSON.stringify(gallery, null, 2));
    return gallery;
  } finally {
    await stack.close();
    xvfb.kill();
  }
}
