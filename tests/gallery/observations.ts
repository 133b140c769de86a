import { predictDialog } from '../../server/dialogs/predict.js';
import type { Outcome, PredictionInput, ScreenKind } from '../../server/dialogs/types.js';
import { normalise } from './x11.js';

// What a real browser did with one request, next to what the predictor answers for the same request on the same
// machine. A disagreement is listed in words, so a failing test says exactly which part differs.

/** How the call settled in the real browser, and which of the browser's own sheets (if any) was on the screen. */
export interface Observed {
  settles: 'resolves' | 'rejects' | 'pending-until-user-acts' | 'pending';
  /** The DOMException name (or TypeError) and message, when it rejected — for a sheet, after the X Escape. */
  error?: string;
  message?: string;
  /** Milliseconds from the call to its settling, measured in the page (informative, never asserted). */
  ms?: number;
  /** OCR of the screen while the sheet was up, or right after the call settled on its own. */
  screenText: string;
  /** The sheet recognised in screenText by its real title, or null when none of the known sheets is drawn. */
  sheet: ScreenKind | null;
}

export interface Observation {
  id: string;
  /** The browser and its exact version, e.g. "Chromium 150.0.7871.100". */
  browser: string;
  label: string;
  /** The call as the page made it (options in JSON, binary fields shown as descriptions). */
  call: string;
  input: PredictionInput;
  observed: Observed;
  predicted: { kind: ScreenKind; rule: string; outcome: Outcome; title: string };
  disagreements: string[];
  file: string;
}

/**
 * The real English titles (or, for Firefox, the prompt's first line) as this machine's browsers draw them; the
 * predictor's own text may be a paraphrase (Firefox's), so recognition uses what the browser really shows.
 */
export const REAL_TITLES: Partial<Record<ScreenKind, string>> = {
  'chrome-security-key': 'Use your security key with',
  'chrome-no-passkeys': 'No passkeys available',
  'chrome-qr': 'Use a passkey from another device',
  'chrome-device-not-usable': "Your device can't be used with this site",
  'firefox-security-key': 'Touch your security key to continue with',
};

/** Kinds that mean "nothing is drawn". */
const NO_SHEET: ScreenKind[] = ['no-ui', 'none-rejected'];

export function recogniseSheet(screenText: string): ScreenKind | null {
  const text = normalise(screenText);
  for (const [kind, title] of Object.entries(REAL_TITLES))
    if (text.includes(normalise(title))) return kind as ScreenKind;
  return null;
}

/** Compares one real observation with the predictor's answer; an empty list means they agree. */
export function disagreements(
  observed: Observed,
  prediction: { screen: { kind: ScreenKind }; outcome: Outcome },
): string[] {
  const { kind } = prediction.screen;
  const { outcome } = prediction;
  const out: string[] = [];
  const expectSettles = (settles: Outcome['settles'] | Outcome['settles'][]) => {
    const allowed = Array.isArray(settles) ? settles : [settles];
    if (!allowed.includes(outcome.settles))
      out.push(`observed the call ${observed.settles}; predicted outcome.settles '${outcome.settles}'`);
  };
  switch (observed.settles) {
    case 'rejects':
      if (observed.sheet) out.push(`observed sheet ${observed.sheet} although the call rejected on its own`);
      expectSettles('rejects');
      if (outcome.error !== observed.error)
        out.push(`observed ${observed.error}; predicted outcome.error ${outcome.error ?? '(none)'}`);
      if (!NO_SHEET.includes(kind)) out.push(`observed no sheet; predicted ${kind}`);
      break;
    case 'resolves':
      // Only a virtual authenticator answers without a person; it stands for "a credential was immediately known",
      // which in front of a person is the browser's sheet offering it.
      if (NO_SHEET.includes(kind) || outcome.settles === 'rejects')
        out.push(`observed a resolved credential; predicted ${kind} (${outcome.settles} ${outcome.error ?? ''})`);
      break;
    case 'pending-until-user-acts':
      expectSettles('pending-until-user-acts');
      if (observed.sheet !== kind) out.push(`observed sheet ${observed.sheet ?? '(unrecognised)'}; predicted ${kind}`);
      if (observed.error !== 'NotAllowedError')
        out.push(`after Escape observed ${observed.error ?? 'no settling'}; expected NotAllowedError`);
      break;
    case 'pending':
      expectSettles('pending');
      if (observed.sheet !== null || !NO_SHEET.includes(kind))
        out.push(`observed ${observed.sheet ?? 'no sheet'} and a pending call; predicted ${kind}`);
      break;
  }
  return out;
}

/** The predictor's answer for an input, reduced to what is compared and shown. */
export function predictFor(input: PredictionInput) {
  const prediction = predictDialog(input);
  return {
    prediction,
    summary: {
      kind: prediction.screen.kind,
      rule: prediction.rule,
      outcome: prediction.outcome,
      title: prediction.screen.title,
    },
  };
}

/** The machine these tests run on, as the predictor's client facts: Linux, no Bluetooth adapter, no platform authenticator. */
export function linuxClient(
  browser: 'chrome' | 'firefox',
  version: string,
  extra: Partial<PredictionInput['client']> = {},
): PredictionInput['client'] {
  return {
    os: 'linux',
    browser,
    browserVersion: Number(version.split('.')[0]),
    bluetooth: 'absent',
    platformAuthenticator: false,
    syncedProviders: [],
    ...extra,
  };
}
