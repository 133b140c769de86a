import type { Facts } from './facts.js';
import type { Confidence, ScreenKind } from './types.js';

// The predictor's rules, read top to bottom; the first whose `when` holds decides. Each row names the research
// table row it encodes (dialogs.md §3, "row N") and its sources (§10). Adding a browser version means adding a row.

export type OptionKey =
  | 'windows-hello-or-key'
  | 'windows-hello'
  | 'external-key'
  | 'phone-tablet-or-key'
  | 'phone-or-tablet'
  | 'gpm-passkey'
  | 'icloud-passkey'
  | 'this-device-passkey'
  | 'win11-phone'
  | 'win11-linked'
  | 'win11-key'
  | 'win11-this-device'
  | 'other-device'
  | 'usb-key'
  | 'qr-key-line';

export interface Step {
  kind: ScreenKind;
  after: 'cancel' | 'choose-phone' | 'choose-windows' | 'choose-key' | 'scan-qr' | 'timeout' | 'insert-wrong-key' | 'dismiss';
  options?: OptionKey[];
}

export interface Rule {
  id: string;
  row?: number;
  when: (f: Facts) => boolean;
  screen: ScreenKind;
  options?: (f: Facts) => OptionKey[];
  then?: (f: Facts) => Step[];
  reasons: string[];
  remedies: { user: string[]; relyingParty: string[] };
  confidence: Confidence;
  sources: string[];
}

// ---- Chromium's reasoning on Windows (dialogs.md §1.2-1.4) -----------------------------------------------------

/** Which of the Windows button's three capabilities apply, for get() (§1.3 step 4). */
export function windowsButton(f: Facts) {
  const api = f.windowsApi ?? 0;
  const al = f.allowList;
  const internal = al.mentionsInternal && api < 4;
  const hybrid = al.mentionsHybrid && api >= 6;
  const key = al.mentionsKey;
  return { internal, hybrid, key, present: internal || hybrid || key };
}

function windowsLabel(f: Facts): OptionKey | null {
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

const windowsCancelStep = (f: Facts): Step[] =>
  chromeOwnsPhone(f) && f.browserVersion < 117
    ? [{ kind: 'chrome-mechanism-list', after: 'cancel', options: [windowsLabel(f)!, 'phone-tablet-or-key'].filter(Boolean) as OptionKey[] }]
    : [{ kind: 'none-rejected', after: 'cancel' }];

const qrOrBluetooth = (f: Facts): ScreenKind => (f.bluetooth === 'off' ? 'chrome-turn-on-bluetooth' : 'chrome-qr');

const onWindowsChromium = (f: Facts) => f.os === 'windows' && f.chromium && f.browser !== 'embedded';
const onDesktopChromiumElsewhere = (f: Facts) => (f.os === 'macos' || f.os === 'linux' || f.os === 'chromeos') && f.chromium;
const hasHint = (f: Facts, hint: string) => f.hints.includes(hint) && f.chromium && f.browserVersion >= 128;
const anyLocalPasskey = (f: Facts) => f.local.gpm || f.local.icloud || f.local.windowsHello || f.local.thisDevice;

/** Where the Windows dialog lands when Chrome hands over (§2, rows 1 and 4). */
function windowsDialogScreen(f: Facts): ScreenKind {
  if ((f.windowsApi ?? 0) >= 6) return 'windows-passkey-chooser';
  if (f.local.windowsHello && f.platformAuthenticator) return 'windows-hello';
  return 'windows-security-key';
}

const SRC = {
  chromeController: '[C1]',
  chromeTests: '[C2]',
  requestHandler: '[C3]',
  getAssertionHandler: '[C4]',
  winApi: '[C6]',
  grd: '[C14]',
  xtb: '[C15]',
  usbSheet: '[C17]',
  webauthnH: '[M1]',
  msPasskeys: '[M2]',
  mercariReports: '[U1]',
  mercariReports2: '[U2]',
  mercariReports3: '[U3]',
  electron: '[U5]',
  electronCode: '[U14]',
  gpmDesktop: '[S6]',
  hintsChrome: '[S5]',
  hintsCorbado: '[S7]',
  webkit: '[S8]',
  bitwarden: '[S9]',
  simplewebauthn: '[S10]',
  immediate: '[S4]',
  immediateWpt: '[W2]',
  firefoxWin: '[F1]',
  firefoxMac: '[F2]',
  firefoxStrings: '[F3]',
  bitwardenFirefox: '[U8]',
  wrongKey: '[U7]',
  newer: '[§11]',
} as const;

// ---- The table ----------------------------------------------------------------------------------------------------

export const RULES: Rule[] = [
  // Mediation first: neither conditional nor immediate requests open a modal (rows 17, 18).
  {
    id: 'immediate-nothing-local',
    row: 18,
    when: (f) => f.ceremony === 'get' && f.mediation === 'immediate' && (!f.allowList.empty || !anyLocalPasskey(f)),
    screen: 'none-rejected',
    reasons: ['immediate-no-local'],
    remedies: { user: ['use-fallback'], relyingParty: ['immediate-fallback'] },
    confidence: 'reported',
    sources: [SRC.immediate, SRC.immediateWpt],
  },
  {
    id: 'immediate-local-passkey',
    row: 18,
    when: (f) => f.ceremony === 'get' && f.mediation === 'immediate',
    screen: 'chrome-passkey-list',
    options: (f) => localOptions(f),
    reasons: ['immediate-local'],
    remedies: { user: ['pick-listed-passkey'], relyingParty: ['immediate-fallback'] },
    confidence: 'reported',
    sources: [SRC.immediate],
  },
  {
    id: 'conditional-autofill',
    row: 17,
    when: (f) => f.ceremony === 'get' && f.mediation === 'conditional',
    screen: 'autofill',
    reasons: ['conditional-no-modal'],
    remedies: { user: ['pick-from-autofill'], relyingParty: ['conditional-default'] },
    confidence: 'source',
    sources: [SRC.chromeController],
  },

  // Phones and tablets draw their own bottom sheet.
  {
    id: 'mobile-sheet',
    when: (f) => f.os === 'android' || f.os === 'ios',
    screen: 'mobile-passkey-sheet',
    reasons: ['mobile-sheet'],
    remedies: { user: ['mobile-pick'], relyingParty: ['store-transports'] },
    confidence: 'inferred',
    sources: [SRC.gpmDesktop],
  },

  // Safari: WebKit asks the platform (iCloud Keychain / nearby device) and adds a security-key request only when
  // transports are absent or name usb/nfc/ble (row 24, [S8]).
  {
    id: 'safari-security-key',
    when: (f) => f.browser === 'safari' && f.allowList.mentionsKey && (f.hints.includes('security-key') || f.attachment === 'cross-platform' || (f.targets.length > 0 && f.targets.every((t) => t.location === 'security-key'))),
    screen: 'apple-security-key',
    reasons: ['safari-key'],
    remedies: { user: ['insert-key-or-cancel'], relyingParty: ['no-security-key-hint'] },
    confidence: 'inferred',
    sources: [SRC.webkit],
  },
  {
    id: 'safari-platform-sheet',
    row: 24,
    when: (f) => f.browser === 'safari',
    screen: 'apple-passkey-sheet',
    options: (f) => (f.allowList.mentionsKey ? ['icloud-passkey', 'other-device', 'usb-key'] : ['icloud-passkey', 'other-device']),
    reasons: ['safari-platform'],
    remedies: { user: ['apple-nearby'], relyingParty: ['store-transports'] },
    confidence: 'source',
    sources: [SRC.webkit],
  },

  // Firefox and embedded browsers on Windows have no dialog layer of their own: straight to webauthn.dll (row 23),
  // which shows Windows Hello for a passkey on this PC, its passkey chooser from API 6, and otherwise the USB prompt.
  {
    id: 'no-browser-layer-windows-hello',
    row: 23,
    when: (f) => f.os === 'windows' && (f.browser === 'firefox' || f.browser === 'embedded') && f.local.windowsHello && f.platformAuthenticator,
    screen: 'windows-hello',
    reasons: ['no-browser-layer'],
    remedies: { user: ['use-hello'], relyingParty: [] },
    confidence: 'inferred',
    sources: [SRC.firefoxWin, SRC.bitwardenFirefox, SRC.winApi],
  },
  {
    id: 'no-browser-layer-windows-chooser',
    row: 23,
    when: (f) => f.os === 'windows' && (f.browser === 'firefox' || f.browser === 'embedded') && (f.windowsApi ?? 0) >= 6,
    screen: 'windows-passkey-chooser',
    options: () => ['win11-phone', 'win11-linked', 'win11-key'],
    reasons: ['no-browser-layer', 'windows-owns-hybrid'],
    remedies: { user: ['choose-phone-windows'], relyingParty: ['explain-qr-copy'] },
    confidence: 'inferred',
    sources: [SRC.firefoxWin, SRC.winApi, SRC.msPasskeys],
  },
  {
    id: 'no-browser-layer-windows',
    row: 23,
    when: (f) => f.os === 'windows' && (f.browser === 'firefox' || f.browser === 'embedded'),
    screen: 'windows-security-key',
    then: () => [{ kind: 'none-rejected', after: 'cancel' }],
    reasons: ['no-browser-layer'],
    remedies: { user: ['cancel-then-fallback', 'open-system-browser'], relyingParty: ['store-transports', 'offer-fallback-first'] },
    confidence: 'reported',
    sources: [SRC.electron, SRC.electronCode, SRC.firefoxWin, SRC.bitwardenFirefox],
  },
  {
    id: 'firefox-macos-system',
    when: (f) => f.os === 'macos' && f.browser === 'firefox' && f.browserVersion >= 122,
    screen: 'apple-passkey-sheet',
    options: () => ['icloud-passkey', 'other-device'],
    reasons: ['firefox-macos'],
    remedies: { user: ['apple-nearby'], relyingParty: ['store-transports'] },
    confidence: 'reported',
    sources: [SRC.firefoxMac],
  },
  {
    id: 'firefox-own-key-prompt',
    when: (f) => f.browser === 'firefox',
    screen: 'firefox-security-key',
    reasons: ['firefox-own'],
    remedies: { user: ['cancel-then-fallback'], relyingParty: ['offer-fallback-first'] },
    confidence: 'inferred',
    sources: [SRC.firefoxStrings],
  },

  // ---- create() -------------------------------------------------------------------------------------------------
  {
    id: 'create-platform-without-hello',
    row: 20,
    when: (f) => f.ceremony === 'create' && onWindowsChromium(f) && f.attachment === 'platform' && !f.platformAuthenticator,
    screen: 'chrome-turn-on-windows-hello',
    reasons: ['create-no-hello'],
    remedies: { user: ['turn-on-hello'], relyingParty: ['attachment-any'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.chromeTests],
  },
  {
    id: 'create-gpm',
    when: (f) => f.ceremony === 'create' && f.gpmSync && f.attachment !== 'cross-platform',
    screen: 'chrome-passkey-list',
    reasons: ['create-gpm'],
    remedies: { user: ['save-in-gpm'], relyingParty: [] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.gpmDesktop],
  },
  {
    id: 'create-windows-hello',
    when: (f) => f.ceremony === 'create' && onWindowsChromium(f) && f.attachment !== 'cross-platform' && f.platformAuthenticator && !f.hints.includes('security-key') && !f.hints.includes('hybrid'),
    screen: 'windows-hello',
    reasons: ['create-hello'],
    remedies: { user: ['use-hello'], relyingParty: [] },
    confidence: 'source',
    sources: [SRC.chromeController],
  },
  {
    id: 'create-windows-chooser',
    when: (f) => f.ceremony === 'create' && onWindowsChromium(f) && (f.windowsApi ?? 0) >= 6,
    screen: 'windows-passkey-chooser',
    options: () => ['win11-phone', 'win11-linked', 'win11-key'],
    reasons: ['create-windows-chooser'],
    remedies: { user: ['choose-phone-windows'], relyingParty: ['no-security-key-hint'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.msPasskeys],
  },
  {
    id: 'create-qr-for-passkey',
    when: (f) => f.ceremony === 'create' && f.chromium && f.os !== 'windows' || (f.ceremony === 'create' && onWindowsChromium(f) && f.residentKey === 'required' && f.bluetooth !== 'absent' && !f.hints.includes('security-key')),
    screen: 'chrome-qr',
    options: (f) => (f.attachment !== 'platform' ? ['qr-key-line'] : []),
    reasons: ['create-qr'],
    remedies: { user: ['scan-with-phone'], relyingParty: [] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.chromeTests],
  },
  {
    id: 'create-security-key-prompt',
    row: 19,
    when: (f) => f.ceremony === 'create',
    screen: 'windows-security-key',
    reasons: ['create-key-only'],
    remedies: { user: ['cancel-then-fallback'], relyingParty: ['no-security-key-hint', 'attachment-any'] },
    confidence: 'reported',
    sources: [SRC.chromeController, SRC.simplewebauthn, SRC.electronCode],
  },

  // ---- get(), Chromium on Windows -----------------------------------------------------------------------------
  {
    id: 'windows-hello-recognised',
    row: 8,
    when: (f) => onWindowsChromium(f) && (f.windowsApi ?? 0) >= 4 && f.local.windowsHello && f.platformAuthenticator,
    screen: 'windows-hello',
    reasons: ['hello-recognised'],
    remedies: { user: ['use-hello'], relyingParty: [] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.winApi],
  },
  {
    id: 'gpm-passkey-list',
    row: 6,
    when: (f) => f.chromium && f.local.gpm && f.os !== 'android' && f.os !== 'ios',
    screen: 'chrome-passkey-list',
    options: (f) => localOptions(f),
    reasons: ['gpm-synced'],
    remedies: { user: ['pick-listed-passkey'], relyingParty: ['store-transports'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.gpmDesktop],
  },
  {
    id: 'old-chrome-jumps-to-windows',
    row: 3,
    when: (f) => onWindowsChromium(f) && f.browserVersion < 117 && !f.allowList.empty && windowsButton(f).present,
    screen: 'windows-security-key',
    then: (f) => windowsCancelStep(f),
    reasons: ['old-chrome-rule', 'windows-no-hybrid'],
    remedies: { user: ['cancel-once-then-phone', 'cancel-then-fallback'], relyingParty: ['store-transports', 'offer-fallback-first'] },
    confidence: 'source',
    sources: [SRC.chromeTests, SRC.chromeController, SRC.mercariReports, SRC.newer],
  },
  {
    id: 'hint-security-key-windows',
    row: 12,
    when: (f) => onWindowsChromium(f) && hasHint(f, 'security-key') && windowsButton(f).present,
    screen: 'windows-security-key',
    then: () => [{ kind: 'none-rejected', after: 'cancel' }],
    reasons: ['hint-security-key'],
    remedies: { user: ['cancel-then-fallback'], relyingParty: ['no-security-key-hint'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.hintsChrome, SRC.mercariReports],
  },
  {
    id: 'phone-confirmation',
    row: 22,
    when: (f) => onWindowsChromium(f) && f.syncedPhones === 1 && f.browserVersion < 130 && f.allowList.onlyHybridOrInternal && !anyLocalPasskey(f) && (f.windowsApi ?? 0) < 6,
    screen: 'chrome-phone-confirmation',
    then: () => [{ kind: 'none-rejected', after: 'dismiss' }],
    reasons: ['synced-phone'],
    remedies: { user: ['check-phone'], relyingParty: [] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.chromeTests, SRC.newer],
  },
  {
    id: 'hint-hybrid-windows-owns',
    row: 15,
    when: (f) => onWindowsChromium(f) && hasHint(f, 'hybrid') && (f.windowsApi ?? 0) >= 6 && windowsButton(f).present,
    screen: 'windows-passkey-chooser',
    options: () => ['win11-phone', 'win11-linked', 'win11-key'],
    reasons: ['hint-hybrid-windows'],
    remedies: { user: ['choose-phone-windows'], relyingParty: ['explain-qr-copy'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.winApi, SRC.hintsCorbado],
  },
  {
    id: 'hint-hybrid-bluetooth-off',
    row: 21,
    when: (f) => onWindowsChromium(f) && hasHint(f, 'hybrid') && chromeOwnsPhone(f) && f.bluetooth === 'off',
    screen: 'chrome-turn-on-bluetooth',
    then: () => [{ kind: 'chrome-qr', after: 'choose-phone' }],
    reasons: ['hint-hybrid-qr', 'bluetooth-off'],
    remedies: { user: ['bluetooth-both', 'scan-with-phone'], relyingParty: [] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.grd],
  },
  {
    id: 'hint-hybrid-chrome-qr',
    row: 14,
    when: (f) => onWindowsChromium(f) && hasHint(f, 'hybrid') && chromeOwnsPhone(f),
    screen: 'chrome-qr',
    reasons: ['hint-hybrid-qr'],
    remedies: { user: ['scan-with-phone'], relyingParty: ['hybrid-hint'] },
    confidence: 'source',
    sources: [SRC.chromeController],
  },
  {
    id: 'hint-client-device-windows',
    row: 16,
    when: (f) => onWindowsChromium(f) && hasHint(f, 'client-device') && f.platformAuthenticator && windowsButton(f).present,
    screen: 'windows-hello',
    then: () => [{ kind: 'none-rejected', after: 'cancel' }],
    reasons: ['hint-client-device'],
    remedies: { user: ['cancel-then-fallback'], relyingParty: ['client-device-only-local'] },
    confidence: 'inferred',
    sources: [SRC.chromeController],
  },
  {
    id: 'windows-no-mechanisms',
    row: 5,
    when: (f) => onWindowsChromium(f) && !windowsButton(f).present && !chromeOwnsPhone(f),
    screen: 'chrome-no-passkeys',
    reasons: ['no-mechanisms', 'internal-only-transports'],
    remedies: { user: ['use-fallback', 'phone-qr-elsewhere'], relyingParty: ['store-real-transports', 'add-hybrid-for-synced'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.requestHandler, SRC.grd, SRC.bitwarden],
  },
  {
    id: 'windows-chooser',
    row: 4,
    when: (f) => onWindowsChromium(f) && windowsButton(f).present && windowsButton(f).hybrid,
    screen: 'windows-passkey-chooser',
    options: () => ['win11-phone', 'win11-linked', 'win11-key'],
    then: () => [{ kind: 'none-rejected', after: 'cancel' }],
    reasons: ['windows-owns-hybrid'],
    remedies: { user: ['choose-phone-windows'], relyingParty: ['explain-qr-copy'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.chromeTests, SRC.winApi, SRC.msPasskeys],
  },
  {
    id: 'windows-only-button',
    row: 1,
    when: (f) => onWindowsChromium(f) && windowsButton(f).present && !chromeOwnsPhone(f),
    screen: 'windows-security-key',
    then: () => [{ kind: 'none-rejected', after: 'cancel' }],
    reasons: ['only-windows-button', 'windows-no-hybrid'],
    remedies: {
      user: ['no-key-needed', 'cancel-then-fallback', 'bluetooth-dongle', 'sign-in-chrome-gpm'],
      relyingParty: ['store-transports', 'offer-fallback-first', 'feature-detect-hybrid', 'immediate-fallback'],
    },
    confidence: 'reported',
    sources: [SRC.chromeController, SRC.requestHandler, SRC.getAssertionHandler, SRC.mercariReports, SRC.mercariReports2, SRC.mercariReports3],
  },
  {
    id: 'windows-phone-only',
    when: (f) => onWindowsChromium(f) && !windowsButton(f).present && chromeOwnsPhone(f),
    screen: 'chrome-qr',
    reasons: ['only-phone-option'],
    remedies: { user: ['scan-with-phone'], relyingParty: [] },
    confidence: 'source',
    sources: [SRC.chromeController],
  },
  {
    id: 'windows-mechanism-list',
    row: 2,
    when: (f) => onWindowsChromium(f),
    screen: 'chrome-mechanism-list',
    options: (f) => [windowsLabel(f)!, 'phone-tablet-or-key'],
    then: (f) => [
      { kind: qrOrBluetooth(f), after: 'choose-phone' },
      { kind: windowsDialogScreen(f), after: 'choose-windows' },
    ],
    reasons: ['two-mechanisms'],
    remedies: { user: ['pick-phone-option', 'bluetooth-both'], relyingParty: ['store-transports', 'hybrid-hint'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.chromeTests, SRC.grd, SRC.xtb],
  },

  // ---- get(), Chromium on macOS, Linux and ChromeOS ---------------------------------------------------------------
  {
    id: 'desktop-local-passkey',
    when: (f) => onDesktopChromiumElsewhere(f) && (f.local.icloud || f.local.thisDevice),
    screen: 'chrome-passkey-list',
    options: (f) => localOptions(f),
    reasons: ['local-passkey'],
    remedies: { user: ['pick-listed-passkey'], relyingParty: [] },
    confidence: 'source',
    sources: [SRC.chromeController],
  },
  {
    id: 'desktop-hint-security-key',
    row: 13,
    when: (f) => onDesktopChromiumElsewhere(f) && hasHint(f, 'security-key') && f.allowList.mentionsKey,
    screen: 'chrome-security-key',
    reasons: ['hint-security-key-desktop'],
    remedies: { user: ['cancel-then-fallback'], relyingParty: ['no-security-key-hint'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.grd, SRC.xtb, SRC.usbSheet],
  },
  {
    id: 'desktop-no-mechanisms',
    row: 5,
    when: (f) => onDesktopChromiumElsewhere(f) && !chromeOwnsPhone(f) && !f.allowList.mentionsKey,
    screen: 'chrome-no-passkeys',
    reasons: ['no-mechanisms-desktop'],
    remedies: { user: ['use-fallback', 'phone-qr-elsewhere'], relyingParty: ['store-real-transports', 'feature-detect-hybrid'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.requestHandler, SRC.grd],
  },
  {
    id: 'desktop-usb-only',
    row: 13,
    when: (f) => onDesktopChromiumElsewhere(f) && !chromeOwnsPhone(f) && f.allowList.mentionsKey,
    screen: 'chrome-security-key',
    then: () => [{ kind: 'none-rejected', after: 'cancel' }],
    reasons: ['desktop-usb-only'],
    remedies: { user: ['no-key-needed', 'cancel-then-fallback', 'bluetooth-dongle'], relyingParty: ['store-transports', 'offer-fallback-first', 'feature-detect-hybrid'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.requestHandler, SRC.grd, SRC.usbSheet],
  },
  {
    id: 'desktop-bluetooth-off-list',
    row: 21,
    when: (f) => onDesktopChromiumElsewhere(f) && f.bluetooth === 'off' && f.allowList.mentionsKey,
    screen: 'chrome-mechanism-list',
    options: () => ['phone-or-tablet', 'usb-key'],
    then: () => [{ kind: 'chrome-turn-on-bluetooth', after: 'choose-phone' }, { kind: 'chrome-security-key', after: 'choose-key' }],
    reasons: ['bluetooth-off'],
    remedies: { user: ['bluetooth-both'], relyingParty: [] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.grd],
  },
  {
    id: 'desktop-qr-first',
    row: 11,
    when: (f) => onDesktopChromiumElsewhere(f) && chromeOwnsPhone(f),
    screen: 'chrome-qr',
    options: (f) => (f.allowList.mentionsKey ? ['qr-key-line'] : []),
    reasons: ['qr-first'],
    remedies: { user: ['scan-with-phone'], relyingParty: ['hybrid-hint'] },
    confidence: 'source',
    sources: [SRC.chromeController, SRC.chromeTests, SRC.grd],
  },
];

function localOptions(f: Facts): OptionKey[] {
  const options: OptionKey[] = [];
  if (f.local.gpm) options.push('gpm-passkey');
  if (f.local.icloud) options.push('icloud-passkey');
  if (f.local.thisDevice && !f.local.gpm && !f.local.icloud) options.push('this-device-passkey');
  options.push('other-device');
  return options;
}

export function ruleFor(facts: Facts): Rule {
  const rule = RULES.find((candidate) => candidate.when(facts));
  if (!rule) throw new Error('no predictor rule matched; the table must end with catch-alls');
  return rule;
}

export function windowsOptionsFor(f: Facts): OptionKey[] {
  const label = windowsLabel(f);
  return label ? [label] : [];
}
