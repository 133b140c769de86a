import type { Facts } from '../facts.js';
import type { Confidence, ScreenKind } from '../types.js';

// What every rule file shares: the row type, Chromium's reasoning helpers (dialogs.md §1.2-1.4) and the source keys.

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

// Chromium's reasoning on Windows (dialogs.md §1.2-1.4).

/** Which of the Windows button's three capabilities apply, for get() (§1.3 step 4). */
export function windowsButton(f: Facts) {
  const api = f.windowsApi ?? 0;
  const al = f.allowList;
  const internal = al.mentionsInternal && api < 4;
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
  chromeOwnsPhone(f) && f.browserVersion < 117
    ? [{ kind: 'chrome-mechanism-list', after: 'cancel', options: [windowsLabel(f)!, 'phone-tablet-or-key'].filter(Boolean) as OptionKey[] }]
    : [{ kind: 'none-rejected', after: 'cancel' }];

export const qrOrBluetooth = (f: Facts): ScreenKind => (f.bluetooth === 'off' ? 'chrome-turn-on-bluetooth' : 'chrome-qr');

export const onWindowsChromium = (f: Facts) => f.os === 'windows' && f.chromium && f.browser !== 'embedded';
export const onDesktopChromiumElsewhere = (f: Facts) => (f.os === 'macos' || f.os === 'linux' || f.os === 'chromeos') && f.chromium;
export const hasHint = (f: Facts, hint: string) => f.hints.includes(hint) && f.chromium && f.browserVersion >= 128;
export const anyLocalPasskey = (f: Facts) => f.local.gpm || f.local.icloud || f.local.windowsHello || f.local.thisDevice;

/** Where the Windows dialog lands when Chrome hands over (§2, rows 1 and 4). */
export function windowsDialogScreen(f: Facts): ScreenKind {
  if ((f.windowsApi ?? 0) >= 6) return 'windows-passkey-chooser';
  if (f.local.windowsHello && f.platformAuthenticator) return 'windows-hello';
  return 'windows-security-key';
}

export const SRC = {
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

export function localOptions(f: Facts): OptionKey[] {
  const options: OptionKey[] = [];
  if (f.local.gpm) options.push('gpm-passkey');
  if (f.local.icloud) options.push('icloud-passkey');
  if (f.local.thisDevice && !f.local.gpm && !f.local.icloud) options.push('this-device-passkey');
  options.push('other-device');
  return options;
}

