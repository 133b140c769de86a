import { join } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import type { PredictionInput } from '../../server/dialogs/types.js';
import { DEVICES } from '../support/browser.js';
import {
  disagreements,
  linuxClient,
  predictFor,
  recogniseSheet,
  type Observation,
  type Observed,
} from './observations.js';
import { captureScreen, ocr, pressKey, waitUntil, type Screen } from './x11.js';

// Issue 16's 2025-2026 behaviours, asked of the real headed Chromium (no Bluetooth adapter, no platform
// authenticator): immediate UI mode, the origin-trial syntax, conditional create and create with and without
// authenticatorAttachment. Every call is made through CDP Runtime.evaluate so that the user activation is explicit
// (playwright's page.evaluate always grants one); a sheet is read by OCR and dismissed with a real X Escape.

export interface ChromiumProbe {
  id: string;
  label: string;
  ceremony: 'get' | 'create';
  /** Members of CredentialRequestOptions / CredentialCreationOptions (uiMode lives here, next to mediation). */
  options: { mediation?: string; uiMode?: string };
  /** Members of publicKey; allowCredentials ids are text, encoded as bytes in the page. */
  publicKey: {
    allowCredentials?: { id: string }[];
    authenticatorSelection?: { authenticatorAttachment?: string; residentKey?: string };
    uiMode?: string;
  };
  /** false: the call runs without a user activation (Runtime.evaluate userGesture:false on a page never clicked). */
  userActivation?: boolean;
  /** A CDP virtual platform authenticator (internal, enableUI false) holding a discoverable credential for the site. */
  virtualPasskey?: boolean;
  request: NonNullable<PredictionInput['request']>;
  credentials: NonNullable<PredictionInput['credentials']>;
}

const PHONE_PASSKEY = { id: 'phone-passkey', location: 'phone', transports: ['hybrid', 'internal'] } as const;

export const CHROMIUM_PROBES: ChromiumProbe[] = [
  {
    id: 'immediate-nothing-known',
    label: "get, uiMode 'immediate', no credential known",
    ceremony: 'get',
    options: { uiMode: 'immediate' },
    publicKey: {},
    request: { uiMode: 'immediate', allowCredentials: [] },
    credentials: [],
  },
  {
    id: 'immediate-allow-list',
    label: "get, uiMode 'immediate', allow list",
    ceremony: 'get',
    options: { uiMode: 'immediate' },
    publicKey: { allowCredentials: [{ id: PHONE_PASSKEY.id }] },
    request: { uiMode: 'immediate', allowCredentials: [{ id: PHONE_PASSKEY.id }] },
    credentials: [{ ...PHONE_PASSKEY, transports: [...PHONE_PASSKEY.transports] }],
  },
  {
    id: 'immediate-no-activation',
    label: "get, uiMode 'immediate', no user activation",
    ceremony: 'get',
    options: { uiMode: 'immediate' },
    publicKey: {},
    userActivation: false,
    request: { uiMode: 'immediate' },
    credentials: [],
  },
  {
    id: 'immediate-with-conditional',
    label: "get, uiMode 'immediate' + mediation 'conditional'",
    ceremony: 'get',
    options: { uiMode: 'immediate', mediation: 'conditional' },
    publicKey: {},
    request: { uiMode: 'immediate', mediation: 'conditional' },
    credentials: [],
  },
  // A misplaced member is not read at all: the lab must never model it as immediate mode.
  {
    id: 'immediate-inside-publickey',
    label: "get, uiMode 'immediate' misplaced inside publicKey",
    ceremony: 'get',
    options: {},
    publicKey: { uiMode: 'immediate' },
    request: { allowCredentials: [] },
    credentials: [],
  },
  {
    id: 'mediation-immediate',
    label: "get, mediation 'immediate' (origin-trial syntax)",
    ceremony: 'get',
    options: { mediation: 'immediate' },
    publicKey: {},
    request: { mediation: 'immediate' },
    credentials: [],
  },
  {
    id: 'immediate-virtual-passkey',
    label: "get, uiMode 'immediate', virtual platform authenticator with a discoverable credential",
    ceremony: 'get',
    options: { uiMode: 'immediate' },
    publicKey: {},
    virtualPasskey: true,
    request: { uiMode: 'immediate' },
    credentials: [{ id: 'virtual-passkey', location: 'this-device', transports: ['internal'] }],
  },
  {
    id: 'conditional-create',
    label: "create, mediation 'conditional', no saved password",
    ceremony: 'create',
    options: { mediation: 'conditional' },
    publicKey: {},
    request: { mediation: 'conditional' },
    credentials: [],
  },
  {
    id: 'create-no-attachment',
    label: 'create, no authenticatorAttachment',
    ceremony: 'create',
    options: {},
    publicKey: {},
    request: {},
    credentials: [],
  },
  {
    id: 'create-cross-platform',
    label: "create, authenticatorAttachment 'cross-platform'",
    ceremony: 'create',
    options: {},
    publicKey: { authenticatorSelection: { authenticatorAttachment: 'cross-platform' } },
    request: { authenticatorAttachment: 'cross-platform' },
    credentials: [],
  },
  {
    id: 'create-platform',
    label: "create, authenticatorAttachment 'platform'",
    ceremony: 'create',
    options: {},
    publicKey: { authenticatorSelection: { authenticatorAttachment: 'platform' } },
    request: { authenticatorAttachment: 'platform' },
    credentials: [],
  },
];

/** Installed in the page with no user gesture; results land in window.__lab for polling (also gesture-free). */
const PAGE_HELPER = `window.__lab = { result: undefined, controller: undefined };
window.__start = function (kind, spec) {
  var random = function (n) { return crypto.getRandomValues(new Uint8Array(n)); };
  var controller = new AbortController();
  window.__lab = { result: undefined, controller: controller };
  var t0 = performance.now();
  var publicKey = kind === 'get'
    ? Object.assign({ challenge: random(32), rpId: location.hostname, timeout: 120000 }, spec.publicKey, { allowCredentials: (spec.publicKey.allowCredentials || []).map(function (c) { return { type: 'public-key', id: new TextEncoder().encode(c.id) }; }) })
    : Object.assign({ challenge: random(32), rp: { id: location.hostname, name: 'Passkey Dialog Lab' }, user: { id: random(16), name: 'gallery', displayName: 'Gallery' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }], timeout: 120000 }, spec.publicKey);
  var options = Object.assign({}, spec.options, { publicKey: publicKey, signal: controller.signal });
  var call;
  try { call = kind === 'get' ? navigator.credentials.get(options) : navigator.credentials.create(options); } catch (e) { call = Promise.reject(e); }
  call.then(function (c) { window.__lab.result = { settles: 'resolves', ms: performance.now() - t0, attachment: c && c.authenticatorAttachment }; },
    function (e) { window.__lab.result = { settles: 'rejects', error: e.name, message: e.message, ms: performance.now() - t0 }; });
  return true;
};`;

interface PageResult {
  settles: 'resolves' | 'rejects';
  error?: string;
  message?: string;
  ms: number;
}

const settled = ({
  settles,
  error,
  message,
  ms,
}: PageResult): Pick<Observed, 'settles' | 'error' | 'message' | 'ms'> => ({
  settles,
  ...(error ? { error } : {}),
  ...(message ? { message } : {}),
  ms,
});

const evaluate = async <T>(cdp: CDPSession, expression: string, userGesture = false): Promise<T> => {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    userGesture,
    returnByValue: true,
    awaitPromise: true,
  });
  if (exceptionDetails)
    throw new Error(`page error: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as T;
};

/** Chrome anchors its sheet under the address bar, centred on the 1280-wide window. */
export const CHROME_SHEET_CROP = '700x330+290+85';
/**
 * Chrome's sheets are read at their own size first: every title and the address were read whole from all twenty
 * pictures of a run at 100 % as at 200 %, for a quarter of the CPU (docs/testing.md, "Test time").
 */
export const CHROME_OCR_SCALE = 100;

/**
 * The screen is watched at `scale`; a reading that found no known sheet is read again at 200 % before anything is
 * concluded from it, so "no sheet" (or "no sheet in time") always comes from the upscaled reading, as before the fast
 * path, whatever another machine's fonts do at 100 %.
 */
export async function upscaledIfNoSheet(file: string, crop: string, text: string, scale: number): Promise<string> {
  return scale >= 200 || recogniseSheet(text) ? text : ocr(file, crop, 200);
}

/**
 * Starts a call and watches it: a call that settles on its own is captured right after (the picture shows whether a
 * sheet is left on screen); otherwise the screen is read until a known sheet appears, Escape is pressed through X,
 * and the rejection that follows is recorded.
 */
export async function observeCall(
  screen: Screen,
  file: string,
  crop: string,
  start: () => Promise<unknown>,
  poll: () => Promise<PageResult | undefined>,
  abort: () => Promise<unknown>,
  /** OCR upscaling in per cent (Firefox's small print needs 200). */
  scale = 200,
): Promise<Observed> {
  await start();
  const startedAt = Date.now();
  // A call that settles without a person does so within milliseconds: it is seen at the first look. Until a call
  // settles, the screen is read until a known sheet appears (no fixed first wait: a sheet is read as soon as it is up).
  let screenText = '';
  const seen: { result?: PageResult } = {};
  let sheet = await waitUntil(
    async () => {
      seen.result = await poll();
      if (seen.result) return 'settled' as const;
      await captureScreen(screen, file);
      screenText = await ocr(file, crop, scale);
      return recogniseSheet(screenText) ?? undefined;
    },
    30_000,
    250,
  );
  if (!sheet) {
    screenText = await upscaledIfNoSheet(file, crop, screenText, scale);
    sheet = recogniseSheet(screenText) ?? undefined;
  }
  if (seen.result && Date.now() - startedAt < 3_000) {
    // Settled on its own: the top of the screen right after (address bar, where sheets and doorhangers are drawn,
    // the page's first lines), so the reading proves it shows the browser and no sheet.
    await captureScreen(screen, file);
    const top = '1280x500+0+0';
    const topText = await upscaledIfNoSheet(file, top, await ocr(file, top, scale), scale);
    return { ...settled(seen.result), screenText: topText, sheet: recogniseSheet(topText) };
  }
  if (seen.result) {
    if (screenText) screenText = await upscaledIfNoSheet(file, crop, screenText, scale);
    return { ...settled(seen.result), screenText, sheet: recogniseSheet(screenText) };
  }
  if (!sheet) {
    await abort();
    return { settles: 'pending', screenText, sheet: null };
  }
  // The sheet is browser UI: only a real key press reaches it. Press again if the first one came too early.
  const cancelled = await waitUntil(async () => {
    await pressKey(screen, 'Escape');
    return waitUntil(poll, 5_000);
  }, 20_000);
  if (!cancelled) await abort();
  return {
    settles: 'pending-until-user-acts',
    ...(cancelled ? { error: cancelled.error, message: cancelled.message } : {}),
    screenText,
    sheet: sheet === 'settled' ? null : sheet,
  };
}

export interface ProbeRun {
  observation: Observation;
  /** getClientCapabilities() in this probe's page (with the virtual platform authenticator when it has one). */
  capabilities: Record<string, boolean>;
}

/** Runs one probe in a context of its own (fresh user-activation state, no request left pending from another). */
export async function observeProbe(
  browser: Browser,
  screen: Screen,
  pageUrl: string,
  file: string,
  outputDir: string,
  probe: ChromiumProbe,
  log: (line: string) => void = () => {},
): Promise<ProbeRun> {
  const version = browser.version();
  const context = await browser.newContext({ viewport: { width: 1280, height: 700 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    const cdp = await context.newCDPSession(page);
    await evaluate(cdp, PAGE_HELPER);
    const poll = () => evaluate<PageResult | undefined>(cdp, 'window.__lab.result');
    if (probe.virtualPasskey) {
      await cdp.send('WebAuthn.enable', { enableUI: false });
      await cdp.send('WebAuthn.addVirtualAuthenticator', { options: DEVICES['pc-with-hello'] });
      await evaluate(
        cdp,
        `window.__start('create', ${JSON.stringify({ options: {}, publicKey: { authenticatorSelection: { residentKey: 'required' } } })})`,
        true,
      );
      const made = await waitUntil(poll, 20_000);
      if (made?.settles !== 'resolves')
        throw new Error(`the virtual authenticator did not make a passkey: ${JSON.stringify(made)}`);
    }
    const caps = await evaluate<Record<string, boolean>>(cdp, 'PublicKeyCredential.getClientCapabilities()');
    const spec = { options: probe.options, publicKey: probe.publicKey };
    const observed = await observeCall(
      screen,
      join(outputDir, file),
      CHROME_SHEET_CROP,
      () =>
        evaluate(
          cdp,
          `window.__start(${JSON.stringify(probe.ceremony)}, ${JSON.stringify(spec)})`,
          probe.userActivation !== false,
        ),
      poll,
      () => evaluate(cdp, 'window.__lab.controller.abort()'),
      CHROME_OCR_SCALE,
    );
    const input: PredictionInput = {
      ceremony: probe.ceremony,
      request: probe.request,
      credentials: probe.credentials,
      client: linuxClient('chrome', version, {
        capabilities: caps,
        ...(probe.virtualPasskey ? { platformAuthenticator: true } : {}),
        ...(probe.userActivation === false ? { userActivation: false } : {}),
      }),
    };
    const { summary, prediction } = predictFor(input);
    const differences = disagreements(observed, prediction);
    log(
      `${differences.length ? 'DIFFERS' : 'agrees '}  ${probe.id.padEnd(28)} observed ${observed.settles} ${observed.error ?? ''} ${observed.sheet ?? 'no sheet'} — predicted ${summary.kind} ${summary.outcome.settles} ${summary.outcome.error ?? ''}`,
    );
    return {
      observation: {
        id: probe.id,
        browser: `Chromium ${version}`,
        label: probe.label,
        call: JSON.stringify({ ceremony: probe.ceremony, ...spec, userActivation: probe.userActivation !== false }),
        input,
        observed,
        predicted: summary,
        disagreements: differences,
        file,
      },
      capabilities: caps,
    };
  } finally {
    await context.close();
  }
}
