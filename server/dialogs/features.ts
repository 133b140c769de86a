import type { PredictionInput } from './types.js';

// Browser version gates in one place: which browser version first (or last) had a behaviour, and where that is written
// down. Rules and the best-practice planner read these instead of repeating version numbers.

type Browser = PredictionInput['client']['browser'];
type Os = PredictionInput['client']['os'];

/** The newest versions the research notes describe; used when the input gives none (and reported as assumptions). */
export const CURRENT_VERSION: Record<Browser, number> = {
  chrome: 156,
  edge: 156,
  embedded: 156,
  safari: 26,
  firefox: 153,
};

interface Gate {
  /** First desktop Chromium (Chrome, Edge, embedded) version with the behaviour. */
  chromium?: number;
  /** First Chrome for Android version (when it differs from desktop). */
  android?: number;
  safari?: number;
  firefox?: number;
  /** Chromium versions from this one on no longer have it. */
  chromiumUntil?: number;
  /** Lives in Chrome's own WebAuthn UI / password manager layer, which embedded Chromium (Electron, in-app) lacks. */
  chromeUi?: true;
  sources: string;
}

const FEATURES = {
  /**
   * Chrome's own mechanism list on Windows instead of jumping to Windows for any allow list (dialogs.md row 3, §11).
   * Assumed: §11 says "before about 117" and no flag or revision pins the milestone (docs/predictor.md, "Gates").
   */
  mechanismList: { chromium: 117, sources: 'dialogs.md §11 ("before about 117"), row 3 [C2]' },
  hints: { chromium: 128, android: 128, sources: 'dialogs-2026.md §C7 [BCD][PKD]; Safari and Firefox ignore hints' },
  gpmDesktop: { chromium: 129, chromeUi: true, sources: 'dialogs.md row 6 [S6]' },
  /**
   * Synced Android phones listed as mechanisms, with the phone-confirmation sheet. Still in a 2024 revision
   * (chromium/chromium@010a7c6c) and in [CTRL25], which has kPasskeyUpgrade (so Chrome 136+); gone in [CTRL26]. The
   * end is not pinned: it is put at the same boundary as the Hello-gated Windows button (~140), the other change that
   * lies between those two revisions. The rows `phone-confirmation` / `desktop-phone-confirmation` read this gate
   * (docs/predictor.md, "Gates and their sources").
   */
  syncedPhones: { chromium: 1, chromiumUntil: 140, sources: 'dialogs-2026.md §C5 [CTRL25][CTRL26]; [V-PRIORITY]' },
  signals: { chromium: 132, android: 132, safari: 26, sources: 'dialogs-2026.md §D4 [BCD]' },
  /**
   * A signal deletes the passkey from Windows Hello. Off in every Chromium revision read: kWebAuthnHelloSignal is
   * "Disabled by default" (device/fido/public/features.cc, 2024-2026) and SignalUnknownCredentialBlocking returns
   * early without it (device/fido/win/authenticator.cc) [V-FLAGS]. No version has it until a revision enables it.
   */
  helloSignal: { sources: 'verified-2026.md [V-FLAGS] kWebAuthnHelloSignal (disabled by default)' },
  /** Chrome on macOS reaches iCloud Keychain: kWebAuthnICloudKeychain "Added in M115", "Enabled in M118" [V-FLAGS]. */
  icloudKeychain: { chromium: 118, sources: 'verified-2026.md [V-FLAGS] kWebAuthnICloudKeychain (Enabled in M118)' },
  conditionalGet: {
    chromium: 108,
    android: 108,
    safari: 16,
    firefox: 119,
    sources: 'dialogs.md §6.5; dialogs-2026.md §J',
  },
  conditionalCreate: {
    chromium: 136,
    android: 141,
    safari: 18,
    chromeUi: true,
    sources: 'dialogs-2026.md §B1 (Chrome blog, [PKD] says Android 142)',
  },
  /** The Windows button's "Windows Hello" part needs Windows Hello set up (UVPAA): in [CTRL26], not in [CTRL25]. */
  helloGatedWindowsButton: { chromium: 140, sources: 'dialogs-2026.md §C1, §H4 ("before about 140")' },
  /**
   * GPM outranks Windows Hello for discoverable requests: SourcePriority kEnclave 4 > kWinNative 1 is already in a
   * 2024 controller that lists GPM (kEnclave) passkeys (chromium/chromium@010a7c6c) [V-PRIORITY]. No revision is known
   * that lists GPM passkeys without it, so the gate follows GPM on desktop (gpmDesktop); the older 136 had no source.
   */
  gpmOverHello: { chromium: 129, sources: 'verified-2026.md [V-PRIORITY] (2024 revision); dialogs-2026.md §C2' },
  /**
   * Chrome forwards hints to webauthn.dll (Windows API v8, [BT26] GetAssertionHints) behind
   * kWebAuthenticationWindowsHints, "Enabled by default in M143" (device/fido/public/features.cc, 2026) [V-FLAGS].
   */
  hintsToWindows: { chromium: 143, sources: 'verified-2026.md [V-FLAGS] kWebAuthenticationWindowsHints; 2026 §C7' },
  /** The origin trial's mediation: 'immediate' (Chrome 139, Aug 2025) until uiMode shipped. */
  immediateOriginTrial: {
    chromium: 139,
    android: 139,
    chromiumUntil: 148,
    chromeUi: true,
    sources: 'dialogs-2026.md §A2 [ITS] (OT blog)',
  },
  /** uiMode: 'immediate' ("targeting Chrome 148", reported 149). */
  immediateGet: { chromium: 148, android: 148, chromeUi: true, sources: 'dialogs-2026.md §A2 [ITS][WPT][BT26]' },
} satisfies Record<string, Gate>;

export type Feature = keyof typeof FEATURES;

/** Does this browser/version/OS have the behaviour? iOS browsers are all WebKit, so they follow Safari's gate. */
export function hasFeature(feature: Feature, browser: Browser, version: number, os: Os): boolean {
  const gate: Gate = FEATURES[feature];
  if (os === 'ios') return gate.safari !== undefined && version >= gate.safari;
  if (browser === 'safari') return gate.safari !== undefined && version >= gate.safari;
  if (browser === 'firefox') return gate.firefox !== undefined && version >= gate.firefox;
  // Inferred: the immediate-mode and upgrade logic sits in ChromeAuthenticatorRequestDelegate [V-DELEGATE].
  if (browser === 'embedded' && gate.chromeUi) return false;
  const since = os === 'android' ? gate.android : gate.chromium;
  if (since === undefined || version < since) return false;
  return gate.chromiumUntil === undefined || version < gate.chromiumUntil;
}

/** Behaviour eras (docs/predictor.md): the era a prediction assumed is data on every rule row. */
export const ERAS = [
  'chromium-legacy',
  'chromium-2024',
  'chromium-2025',
  'embedded',
  'safari',
  'firefox',
  'mobile',
] as const;
export type Era = (typeof ERAS)[number];

export function eraOf(browser: Browser, version: number, os: Os): Era {
  if (os === 'android' || os === 'ios') return 'mobile';
  if (browser === 'safari') return 'safari';
  if (browser === 'firefox') return 'firefox';
  if (browser === 'embedded') return 'embedded';
  if (version < 117) return 'chromium-legacy';
  return version < 136 ? 'chromium-2024' : 'chromium-2025';
}
