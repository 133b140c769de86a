import type { Facts } from '../facts.js';
import { ERAS, type Era } from '../features.js';
import type { SourceKey } from '../sources.js';
import type { en } from '../strings/en.js';
import type { Confidence, Outcome, Owner, PredictionInput, ScreenKind } from '../types.js';

// What every rule table shares: the row type, Chromium's reasoning helpers (dialogs.md §1.2-1.4) and outcomes.

export type OptionKey = keyof typeof en.options;
export type ReasonKey = keyof typeof en.reasons;
export type RemedyKey = keyof typeof en.remedies;
export type AssumptionKey = keyof typeof en.assumptions;

/** Follow-up screens are always drawn by one known party. */
export const STEP_OWNERS = {
  'windows-security-key': 'windows',
  'windows-hello': 'windows',
  'windows-passkey-chooser': 'windows',
  'chrome-mechanism-list': 'chrome',
  'chrome-qr': 'chrome',
  'chrome-security-key': 'chrome',
  'chrome-turn-on-bluetooth': 'chrome',
  'none-rejected': 'none',
} as const satisfies Partial<Record<ScreenKind, Owner>>;
export type StepKind = keyof typeof STEP_OWNERS;

export interface Step {
  kind: StepKind;
  after:
    | 'cancel'
    | 'choose-phone'
    | 'choose-windows'
    | 'choose-key'
    | 'scan-qr'
    | 'timeout'
    | 'insert-wrong-key'
    | 'dismiss';
  options?: OptionKey[];
}

/**
 * One row of a rule table. The gates (eras, browser version range, OS, ceremony) are data the evaluator checks before
 * `when`; the answer (screen, owner, options, outcome), the explanation keys and the citations are data too.
 */
export interface Rule {
  id: string;
  /** Behaviour eras (features.ts) in which this row applies; the prediction's era is the input's era. */
  eras: readonly Era[];
  /** Browser major version range [since, until). */
  since?: number;
  until?: number;
  os?: readonly PredictionInput['client']['os'][];
  ceremony?: 'get' | 'create';
  when?: (f: Facts) => boolean;
  screen: ScreenKind;
  owner: Owner;
  options?: readonly OptionKey[] | ((f: Facts) => OptionKey[]);
  then?: (f: Facts) => Step[];
  outcome: Outcome;
  reasons: readonly ReasonKey[];
  remedies: { user: readonly RemedyKey[]; relyingParty: readonly RemedyKey[] };
  confidence: Confidence;
  /** What the row itself takes for granted where its sources stop (shown with the input's assumptions). */
  assumes?: readonly AssumptionKey[];
  sources: readonly SourceKey[];
  /** What was checked in code or seen in a browser, and what was taken from the research note. */
  evidence: string;
  /** The row of dialogs.md §3 this encodes, when it does. */
  row?: number;
}

export const PENDING: Outcome = { settles: 'pending-until-user-acts' };
export const AUTOFILL: Outcome = { settles: 'pending' };
export const REJECTS = (error: NonNullable<Outcome['error']>): Outcome => ({ settles: 'rejects', error });
export const RESOLVES: Outcome = { settles: 'resolves' };

export const CHROMIUM_DESKTOP: readonly Era[] = ['chromium-legacy', 'chromium-2024', 'chromium-2025', 'embedded'];
export const EVERY_ERA: readonly Era[] = ERAS;
export const DESKTOP_OSES = ['macos', 'linux', 'chromeos'] as const;

// Chromium's reasoning on Windows (dialogs.md §1.2-1.4, dialogs-2026.md C1).

/** Which of the Windows button's three capabilities apply, for get() (§1.3 step 4; [V-BUTTON] for the UVPAA gate). */
export function windowsButton(f: Facts) {
  const api = f.windowsApi ?? 0;
  const al = f.allowList;
  const internal = al.mentionsInternal && api < 4 && (!f.has.helloGate || f.platformAuthenticator);
  const hybrid = al.mentionsHybrid && api >= 6;
  const key = al.mentionsKey;
  return { internal, hybrid, key, present: internal || hybrid || key };
}

export function windowsLabel(f: Facts): OptionKey | null {
  const button = windowsButton(f);
  if (button.hybrid) return button.key ? 'phone-tablet-or-key' : 'phone-or-tablet';
  if (button.internal) return button.key ? 'windows-hello-or-key' : 'windows-hello';
  if (button.key) return 'external-key';
  return null;
}

/** Chrome's own phone/QR entry: hybrid allowed, a Bluetooth adapter exists, and Windows does not own hybrid. */
export function chromeOwnsPhone(f: Facts) {
  const api = f.windowsApi ?? 0;
  return f.allowList.allowed.has('hybrid') && f.bluetooth !== 'absent' && !(f.os === 'windows' && api >= 6);
}

export const windowsCancelStep = (f: Facts): Step[] =>
  chromeOwnsPhone(f) && !f.has.mechanismList
    ? [
        {
          kind: 'chrome-mechanism-list',
          after: 'cancel',
          options: [windowsLabel(f)!, 'phone-tablet-or-key'].filter(Boolean) as OptionKey[],
        },
      ]
    : [{ kind: 'none-rejected', after: 'cancel' }];

export const qrOrBluetooth = (f: Facts): StepKind => (f.bluetooth === 'off' ? 'chrome-turn-on-bluetooth' : 'chrome-qr');
export const hasHint = (f: Facts, hint: string) => f.hints.includes(hint) && f.has.hints;
export const anyLocalPasskey = (f: Facts) =>
  f.local.gpm || f.local.icloud || f.local.windowsHello || f.local.thisDevice || f.local.plugin !== null;

/** Where the Windows dialog lands when Chrome hands over (§2, rows 1 and 4). */
export function windowsDialogScreen(f: Facts): StepKind {
  if ((f.windowsApi ?? 0) >= 6) return 'windows-passkey-chooser';
  if (f.local.windowsHello && f.platformAuthenticator) return 'windows-hello';
  return 'windows-security-key';
}

export const WIN11_CHOOSER: readonly OptionKey[] = ['win11-phone', 'win11-linked', 'win11-key'];

export function localOptions(f: Facts): OptionKey[] {
  const options: OptionKey[] = [];
  if (f.local.gpm) options.push('gpm-passkey');
  if (f.local.icloud) options.push('icloud-passkey');
  if (f.local.thisDevice && !f.local.gpm && !f.local.icloud) options.push('this-device-passkey');
  options.push('other-device');
  return options;
}

/**
 * dialogs.md row 6: a Google Password Manager passkey synced to this desktop goes to Chrome's own passkey list, on
 * Windows as on macOS/Linux (Chrome 129+). One row body, placed in each platform's table under its own id.
 */
export function gpmPasskeyListRule(id: string, evidence: string): Rule {
  return {
    id,
    row: 6,
    eras: CHROMIUM_DESKTOP,
    when: (f) => f.local.gpm,
    screen: 'chrome-passkey-list',
    owner: 'chrome',
    options: (f) => localOptions(f),
    outcome: PENDING,
    reasons: ['gpm-synced'],
    remedies: { user: ['pick-listed-passkey'], relyingParty: ['store-transports'] },
    confidence: 'source',
    sources: ['[C1]', '[S6]'],
    evidence,
  };
}
