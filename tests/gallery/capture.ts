import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { predictDialog } from '../../server/dialogs/predict.js';
import type { ScreenKind } from '../../server/dialogs/types.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.js';
import { HttpAgent } from '../support/http-agent.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { startStack } from '../support/stack.js';
import {
  CHROME_OCR_SCALE,
  CHROME_SHEET_CROP,
  CHROMIUM_PROBES,
  observeProbe,
  upscaledIfNoSheet,
  type ProbeRun,
} from './chromium-2026.js';
import { observeFirefox } from './firefox.js';
import { REAL_TITLES, recogniseSheet, type Observation } from './observations.js';
import { captureScreen, ocr, startXvfb, waitUntil, x11ToolsAvailable, type Screen } from './x11.js';
import type { Repositories } from '../../db/index.js';

// The real-dialog gallery: a headed Chromium under Xvfb with NO virtual authenticator draws its own WebAuthn sheets;
// each is captured from the X screen (the sheets are browser UI, outside any page screenshot), its title read by
// OCR, and compared with the predictor's answer for "Chrome on Linux, no Bluetooth".

export interface GalleryShot {
  variant: string;
  file: string;
  /** The browser that drew this picture, with its exact version. */
  browser: string;
  request: { allowCredentials?: { id: string; transports?: string[] }[]; hints?: string[] } | string;
  predicted: ScreenKind;
  expectedTitle: string;
  ocrText: string;
  titleMatches: boolean;
}

export interface Gallery {
  /** The Chromium that drew the sheets (kept for older readers; every shot names its own browser). */
  chromium: string;
  capturedAt: string;
  shots: GalleryShot[];
  /** The 2025-2026 behaviours (issue 16): each call, what the browser did, and the predictor's answer. */
  observations: Observation[];
  /** PublicKeyCredential.getClientCapabilities() as each browser reported it during this run. */
  capabilities: Record<string, Record<string, boolean>>;
}

export const galleryToolsAvailable = () => x11ToolsAvailable() && existsSync(CHROMIUM_PATH);

/** An observation as a gallery picture, so /lab shows it with the others. */
export const observationShot = (observation: Observation): GalleryShot => ({
  variant: observation.label,
  file: observation.file,
  browser: observation.browser,
  request: observation.call,
  predicted: observation.predicted.kind,
  expectedTitle: REAL_TITLES[observation.predicted.kind] ?? observation.predicted.title,
  ocrText: observation.observed.screenText,
  titleMatches: observation.disagreements.length === 0,
});

/** Chromium's sheets and 2026 behaviours; with firefox: true also firefox-esr's (its own X screen, after Chromium). */
export async function captureGallery(
  outputDir: string,
  options: { log?: (line: string) => void; firefox?: boolean } = {},
): Promise<Gallery> {
  const log = options.log ?? (() => {});
  mkdirSync(outputDir, { recursive: true });
  // Two X screens, each with its own headed Chromium, working through one list of jobs (the 2026 probes, then the
  // request variants' sheets): each screen takes the next job when it is free, so neither waits on the other's
  // longer list. A job waits for its sheet to be drawn, then reads it; sheets and key presses stay on their screen.
  const screen = await startXvfb();
  const secondScreen = await startXvfb().catch(async (error: unknown) => {
    await screen.close();
    throw error;
  });
  const stack = await startStack({ IDP_MODE: 'off' });
  try {
    const base = stack.labUrl;
    const { repos } = stack.running.lab;
    // Two accounts, registered through the API with real signatures: a phone passkey and a USB key.
    const register = async (username: string, authenticator: SoftAuthenticator) => {
      const agent = new HttpAgent(base);
      const options = await agent.post('/api/registration/options', { username });
      await agent.post('/api/registration/verify', { response: authenticator.createCredential(options.body) });
    };
    await register(
      'phone-user',
      new SoftAuthenticator({ origin: base, transports: ['hybrid', 'internal'], backupEligible: true, backedUp: true }),
    );
    await register(
      'internal-only',
      new SoftAuthenticator({ origin: base, transports: ['internal'], backupEligible: true, backedUp: true }),
    );
    await register(
      'key-user',
      new SoftAuthenticator({ origin: base, transports: ['usb'], attachment: 'cross-platform' }),
    );

    const variants: { variant: string; body: Record<string, unknown> }[] = [
      { variant: 'transports stored (hybrid, internal)', body: { username: 'phone-user', transportsMode: 'stored' } },
      { variant: 'transports omitted', body: { username: 'phone-user', transportsMode: 'omit' } },
      { variant: 'internal only', body: { username: 'internal-only', transportsMode: 'stored' } },
      { variant: 'stored plus hybrid', body: { username: 'internal-only', transportsMode: 'add-hybrid' } },
      {
        variant: 'hint security-key',
        body: { username: 'phone-user', transportsMode: 'omit', hints: ['security-key'] },
      },
      { variant: 'hint hybrid', body: { username: 'phone-user', transportsMode: 'omit', hints: ['hybrid'] } },
      {
        variant: 'hint client-device',
        body: { username: 'phone-user', transportsMode: 'omit', hints: ['client-device'] },
      },
      { variant: 'usernameless', body: {} },
      { variant: 'security key (usb)', body: { username: 'key-user', transportsMode: 'stored' } },
    ];

    const launch = (on: Screen) =>
      chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: false,
        args: [...CHROMIUM_ARGS, '--lang=en-US', '--window-size=1280,800', '--window-position=0,0'],
        env: { ...on.env, LANG: 'en_US.UTF-8' },
      });
    const [browser, secondBrowser] = await Promise.all([launch(screen), launch(secondScreen)]);
    const version = browser.version();
    // File numbers as before: the variants' sheets first, then the probes.
    const probeJobs = CHROMIUM_PROBES.map(
      (probe, index) => (on: Lane) =>
        observeProbe(
          on.browser,
          on.screen,
          `${base}/login?autofill=off`,
          `sheet-${variants.length + 1 + index}.png`,
          outputDir,
          probe,
          log,
        ),
    );
    const sheetJobs = variants.map(
      (variant, index) => (on: Lane) =>
        captureSheet(on, base, variant, `sheet-${index + 1}.png`, outputDir, log, repos),
    );
    let probes: ProbeRun[];
    let shots: GalleryShot[];
    try {
      const lanes = [
        { browser, screen },
        { browser: secondBrowser, screen: secondScreen },
      ];
      const done = await inTurn<ProbeRun | GalleryShot>([...probeJobs, ...sheetJobs], lanes);
      probes = done.slice(0, probeJobs.length) as ProbeRun[];
      shots = done.slice(probeJobs.length) as GalleryShot[];
    } finally {
      await Promise.all([browser.close(), secondBrowser.close()]);
    }
    const observations = probes.map((probe) => probe.observation);
    const capabilities = {
      plain: probes.findLast((_, index) => !CHROMIUM_PROBES[index]!.virtualPasskey)?.capabilities ?? {},
      withVirtualPlatformAuthenticator:
        probes.findLast((_, index) => CHROMIUM_PROBES[index]!.virtualPasskey)?.capabilities ?? {},
    };
    const gallery: Gallery = {
      chromium: `Chromium ${version}`,
      capturedAt: new Date().toISOString(),
      shots: [...shots, ...observations.map(observationShot)],
      observations,
      capabilities: {
        [`Chromium ${version}`]: capabilities.plain,
        [`Chromium ${version}, virtual platform authenticator`]: capabilities.withVirtualPlatformAuthenticator,
      },
    };
    if (options.firefox) {
      const firefox = await observeFirefox(outputDir, gallery.shots.length + 1, log);
      gallery.shots.push(...firefox.observations.map(observationShot));
      gallery.observations.push(...firefox.observations);
      gallery.capabilities[firefox.version] = firefox.capabilities;
    }
    writeFileSync(join(outputDir, 'manifest.json'), JSON.stringify(gallery, null, 2));
    return gallery;
  } finally {
    await stack.close();
    await Promise.all([screen.close(), secondScreen.close()]);
  }
}

interface Lane {
  browser: Browser;
  screen: Screen;
}

/** Each lane (a browser on its own screen) takes the next job when it is free; results in the jobs' order. */
async function inTurn<T>(jobs: ((on: Lane) => Promise<T>)[], lanes: Lane[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    lanes.map(async (lane) => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await jobs[index]!(lane);
      }
    }),
  );
  return results;
}

/** One request variant's sheet: drawn by Chromium, captured and read. */
async function captureSheet(
  { browser, screen }: Lane,
  base: string,
  { variant, body }: { variant: string; body: Record<string, unknown> },
  file: string,
  outputDir: string,
  log: (line: string) => void,
  repos: Repositories,
): Promise<GalleryShot> {
  const version = browser.version();
  const context = await browser.newContext({ viewport: { width: 1280, height: 700 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${base}/login?autofill=off`);
  const options = await page.evaluate(
    async ({ url, request }) => {
      const response = await fetch(`${url}/api/authentication/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const json = await response.json();
      // No virtual authenticator: Chromium draws its own sheet and the promise stays pending.
      const publicKey = (
        PublicKeyCredential as unknown as {
          parseRequestOptionsFromJSON: (o: unknown) => PublicKeyCredentialRequestOptions;
        }
      ).parseRequestOptionsFromJSON(json);
      void navigator.credentials.get({ publicKey }).catch(() => undefined);
      return json;
    },
    { url: base, request: body },
  );
  // Read the screen until one of Chrome's sheets is drawn (slow on a loaded machine); the last reading is kept.
  let ocrText = '';
  await waitUntil(
    async () => {
      await captureScreen(screen, join(outputDir, file));
      ocrText = await ocr(join(outputDir, file), CHROME_SHEET_CROP, CHROME_OCR_SCALE);
      return recogniseSheet(ocrText) ?? undefined;
    },
    30_000,
    250,
  );
  ocrText = await upscaledIfNoSheet(join(outputDir, file), CHROME_SHEET_CROP, ocrText, CHROME_OCR_SCALE);
  const account = body.username ? repos.accounts.findByUsername(String(body.username)) : undefined;
  const credentials = account ? repos.credentials.listForAccount(account.id) : [];
  const prediction = predictDialog({
    ceremony: 'get',
    request: { allowCredentials: options.allowCredentials ?? [], hints: options.hints ?? [] },
    credentials: credentials.map((c) => ({
      id: c.id,
      ...(c.transports ? { transports: c.transports } : {}),
      location: c.attachment === 'cross-platform' ? 'security-key' : 'phone',
    })),
    client: {
      os: 'linux',
      browser: 'chrome',
      browserVersion: Number(version.split('.')[0]),
      bluetooth: 'absent',
      platformAuthenticator: false,
      syncedProviders: [],
    },
  });
  const expectedTitle = REAL_TITLES[prediction.screen.kind] ?? prediction.screen.title;
  const titleMatches = ocrText.toLowerCase().includes(expectedTitle.toLowerCase());
  const shot: GalleryShot = {
    variant,
    file,
    browser: `Chromium ${version}`,
    request: { allowCredentials: options.allowCredentials, hints: options.hints },
    predicted: prediction.screen.kind,
    expectedTitle,
    ocrText,
    titleMatches,
  };
  log(
    `${titleMatches ? 'agrees ' : 'DIFFERS'}  ${variant.padEnd(38)} predicted ${prediction.screen.kind.padEnd(22)} OCR: ${ocrText.slice(0, 80)}`,
  );
  await context.close();
  return shot;
}
