import type { ClientFacts, PredictionInput, ScreenKind } from '../../server/dialogs/types.js';

// The research table of docs/research/dialogs.md (§3 "row N", sources of §10), one scenario per row or variant.
// Each names the rule that must decide and the screen kind. Rows 18's immediate scenarios now use the shipped
// uiMode syntax (they sent the origin-trial mediation: 'immediate', which Chromium 148+ refuses; see the 2026 table).

export const PHONE = {
  id: 'cred-phone',
  transports: ['hybrid', 'internal'],
  backupEligible: true,
  backedUp: true,
  aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
  location: 'phone' as const,
};
export const PHONE_ICLOUD = { ...PHONE, id: 'cred-iphone', aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd' };
export const HELLO = {
  id: 'cred-hello',
  transports: ['internal'],
  aaguid: '08987058-cadc-4b81-b6e1-30de50dcbe96',
  location: 'this-device' as const,
};
export const KEY = { id: 'cred-key', transports: ['usb'], location: 'security-key' as const };

export const omitted = (id = PHONE.id) => ({ allowCredentials: [{ id }] });
export const stored = (transports: string[], id = PHONE.id) => ({ allowCredentials: [{ id, transports }] });

export const win10: ClientFacts = {
  os: 'windows',
  osVersion: '10',
  browser: 'chrome',
  browserVersion: 131,
  syncedProviders: [],
};
export const win11Hybrid: ClientFacts = {
  os: 'windows',
  osVersion: '11-24H2',
  browser: 'chrome',
  browserVersion: 131,
  syncedProviders: [],
};
export const win11NoHybrid: ClientFacts = {
  os: 'windows',
  osVersion: '11-22H2',
  browser: 'chrome',
  browserVersion: 131,
  syncedProviders: [],
};
export const macChrome: ClientFacts = {
  os: 'macos',
  browser: 'chrome',
  browserVersion: 131,
  bluetooth: 'on',
  syncedProviders: [],
};
export const linuxChrome: ClientFacts = { os: 'linux', browser: 'chrome', browserVersion: 156, syncedProviders: [] };

export interface Scenario {
  name: string;
  source: string;
  input: PredictionInput;
  kind: ScreenKind;
  rule: string;
  /** How the promise settles, where the row is about that (NotAllowedError, TypeError, ...). */
  outcome?: string;
}

// One scenario per row (two lines each), laid out like the research table: Prettier would spread each over ten.
// prettier-ignore
export const scenarios: Scenario[] = [
  { name: 'headline: phone passkey, Win10, Chrome, transports omitted, no Bluetooth', source: 'row 1 [C1][C3][C4][U1][U2]', kind: 'windows-security-key', rule: 'windows-only-button',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...win10, bluetooth: 'absent' } } },
  { name: 'Win10 with Bluetooth on: Chrome lists Windows and phone', source: 'row 2 [C1][C2][C14]', kind: 'chrome-mechanism-list', rule: 'windows-mechanism-list',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...win10, bluetooth: 'on' } } },
  { name: 'Win10, older Chrome (<117): jumps to the Windows USB prompt', source: 'row 3 [C2][C1][U1]', kind: 'windows-security-key', rule: 'old-chrome-jumps-to-windows',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...win10, browserVersion: 110, bluetooth: 'on' } } },
  { name: 'row 1 with the passkey in Windows Hello on this PC: Windows answers with Hello', source: 'row 1 + §2 [C1][C6]', kind: 'windows-hello', rule: 'windows-only-button-hello',
    input: { ceremony: 'get', request: omitted(HELLO.id), credentials: [HELLO], client: { ...win10, bluetooth: 'absent', windowsHello: 'set-up' } } },
  { name: 'row 3 with the passkey in Windows Hello on this PC: Windows answers with Hello', source: 'row 3 + §2 [C2][C6]', kind: 'windows-hello', rule: 'old-chrome-jumps-to-windows-hello',
    input: { ceremony: 'get', request: omitted(HELLO.id), credentials: [HELLO], client: { ...win10, browserVersion: 110, bluetooth: 'on', windowsHello: 'set-up' } } },
  { name: 'Win11 with native phone support: Windows passkey chooser', source: 'row 4 [C1][C2][C6][M2]', kind: 'windows-passkey-chooser', rule: 'windows-chooser',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...win11Hybrid, bluetooth: 'on' } } },
  { name: 'Win11 chooser also without Bluetooth (Windows owns hybrid)', source: 'row 4 [C1][C6]', kind: 'windows-passkey-chooser', rule: 'windows-chooser',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...win11Hybrid, bluetooth: 'absent' } } },
  { name: 'internal-only transports on Win11 22H2: No passkeys available', source: 'row 5 [C1][C3][S9]', kind: 'chrome-no-passkeys', rule: 'windows-no-mechanisms',
    input: { ceremony: 'get', request: stored(['internal']), credentials: [PHONE], client: { ...win11NoHybrid, bluetooth: 'on' } } },
  { name: 'Android GPM passkey with Chrome signed in and syncing (M129+)', source: 'row 6 [C1][S6]', kind: 'chrome-passkey-list', rule: 'gpm-passkey-list',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...win10, browserVersion: 131, bluetooth: 'absent', syncedProviders: ['google-password-manager'] } } },
  { name: 'GPM sync but Chrome 128: passkey not on desktop yet', source: 'row 6 [S6] (desktop GPM from 129)', kind: 'windows-security-key', rule: 'windows-only-button',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...win10, browserVersion: 128, bluetooth: 'absent', syncedProviders: ['google-password-manager'] } } },
  { name: 'iCloud passkey from iPhone on Windows: same as row 1', source: 'row 7 [S6][C1]', kind: 'windows-security-key', rule: 'windows-only-button',
    input: { ceremony: 'get', request: omitted(PHONE_ICLOUD.id), credentials: [PHONE_ICLOUD], client: { ...win10, bluetooth: 'absent' } } },
  { name: 'Windows Hello passkey on this PC', source: 'row 8 [C1][C6]', kind: 'windows-hello', rule: 'windows-hello-recognised',
    input: { ceremony: 'get', request: stored(['internal'], HELLO.id), credentials: [HELLO], client: { ...win11Hybrid, platformAuthenticator: true } } },
  { name: 'discoverable request on Win11 API>=6: Windows dialog', source: 'row 9 [C2]', kind: 'windows-passkey-chooser', rule: 'windows-chooser',
    input: { ceremony: 'get', request: {}, credentials: [PHONE], client: { ...win11Hybrid, bluetooth: 'on' } } },
  { name: 'discoverable request on Win10 with BLE: Chrome list', source: 'row 10 [C2][C1]', kind: 'chrome-mechanism-list', rule: 'windows-mechanism-list',
    input: { ceremony: 'get', request: {}, credentials: [PHONE], client: { ...win10, bluetooth: 'on' } } },
  { name: 'discoverable request on macOS Chrome, nothing local: QR first', source: 'row 11 [C2][C14]', kind: 'chrome-qr', rule: 'desktop-qr-first',
    input: { ceremony: 'get', request: {}, credentials: [PHONE], client: macChrome } },
  { name: 'hint security-key on Windows: USB prompt', source: 'row 12 [C1][S5]', kind: 'windows-security-key', rule: 'hint-security-key-windows',
    input: { ceremony: 'get', request: { ...omitted(), hints: ['security-key'] }, credentials: [PHONE], client: { ...win10, bluetooth: 'on' } } },
  { name: 'hint security-key on macOS Chrome: Chrome USB sheet', source: 'row 13 [C1][C14][C17]', kind: 'chrome-security-key', rule: 'desktop-hint-security-key',
    input: { ceremony: 'get', request: { ...omitted(), hints: ['security-key'] }, credentials: [PHONE], client: macChrome } },
  { name: 'hint hybrid on Win10 with BLE: Chrome QR directly', source: 'row 14 [C1]', kind: 'chrome-qr', rule: 'hint-hybrid-chrome-qr',
    input: { ceremony: 'get', request: { ...stored(['hybrid', 'internal']), hints: ['hybrid'] }, credentials: [PHONE], client: { ...win10, bluetooth: 'on' } } },
  { name: 'hint hybrid on Win11 API>=6: Windows decides', source: 'row 15 [C1][C6][S7]', kind: 'windows-passkey-chooser', rule: 'hint-hybrid-windows-owns',
    input: { ceremony: 'get', request: { ...stored(['hybrid', 'internal']), hints: ['hybrid'] }, credentials: [PHONE], client: win11Hybrid } },
  { name: 'hint client-device without a local passkey: Windows Hello', source: 'row 16 [C1]', kind: 'windows-hello', rule: 'hint-client-device-windows',
    input: { ceremony: 'get', request: { ...omitted(), hints: ['client-device'] }, credentials: [PHONE], client: { ...win10, bluetooth: 'on', platformAuthenticator: true } } },
  { name: 'conditional mediation: autofill, no modal', source: 'row 17 [C1]', kind: 'autofill', rule: 'conditional-autofill',
    input: { ceremony: 'get', request: { mediation: 'conditional' }, credentials: [PHONE], client: { ...win10, bluetooth: 'absent' } } },
  { name: 'immediate mediation, nothing local: no UI, NotAllowedError', source: 'row 18 [S4][W2]', kind: 'no-ui', rule: 'immediate-nothing-local',
    input: { ceremony: 'get', request: { uiMode: 'immediate' }, credentials: [PHONE], client: { ...win11Hybrid, browserVersion: 150 } } },
  { name: 'immediate mediation with a non-empty allow list fails', source: 'row 18 [W2]', kind: 'no-ui', rule: 'immediate-allow-list',
    input: { ceremony: 'get', request: { ...omitted(HELLO.id), uiMode: 'immediate' }, credentials: [HELLO], client: { ...win11Hybrid, browserVersion: 150 } } },
  { name: 'immediate mediation with a GPM passkey: listed', source: 'row 18 [S4]', kind: 'chrome-passkey-list', rule: 'immediate-local-passkey',
    input: { ceremony: 'get', request: { uiMode: 'immediate' }, credentials: [PHONE], client: { ...win11Hybrid, browserVersion: 150, syncedProviders: ['google-password-manager'], gpmEnrolled: true } } },
  { name: 'create cross-platform + security-key hint on Win10', source: 'row 19 [C1][S10][U14]', kind: 'windows-security-key', rule: 'create-security-key-prompt',
    input: { ceremony: 'create', request: { authenticatorAttachment: 'cross-platform', hints: ['security-key'], residentKey: 'discouraged' }, client: { ...win10, bluetooth: 'absent' } } },
  { name: 'create platform without Windows Hello', source: 'row 20 [C1][C2]', kind: 'chrome-turn-on-windows-hello', rule: 'create-platform-without-hello',
    input: { ceremony: 'create', request: { authenticatorAttachment: 'platform' }, client: { ...win10, platformAuthenticator: false } } },
  { name: 'Bluetooth off on macOS with transports omitted: list, then Turn on Bluetooth', source: 'row 21 [C1][C14]', kind: 'chrome-mechanism-list', rule: 'desktop-bluetooth-off-list',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...macChrome, bluetooth: 'off' } } },
  { name: 'Bluetooth off, hybrid hint on Win10: Turn on Bluetooth? before the QR code', source: 'row 21 [C1][C14]', kind: 'chrome-turn-on-bluetooth', rule: 'hint-hybrid-bluetooth-off',
    input: { ceremony: 'get', request: { ...stored(['hybrid', 'internal']), hints: ['hybrid'] }, credentials: [PHONE], client: { ...win10, bluetooth: 'off' } } },
  { name: 'exactly one synced Android phone, older Chrome: phone confirmation', source: 'row 22 [C1][C2]', kind: 'chrome-phone-confirmation', rule: 'phone-confirmation',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal']), credentials: [PHONE], client: { ...win10, browserVersion: 125, bluetooth: 'on', syncedPhones: 1 } } },
  { name: 'synced phone listing removed in 2025 Chrome', source: '§11 (synced phones no longer listed)', kind: 'chrome-mechanism-list', rule: 'windows-mechanism-list',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal']), credentials: [PHONE], client: { ...win10, browserVersion: 140, bluetooth: 'on', syncedPhones: 1 } } },
  { name: 'Electron on Windows 10: straight to Windows', source: 'row 23 [U5][U14]', kind: 'windows-security-key', rule: 'no-browser-layer-windows',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { os: 'windows', osVersion: '10', browser: 'embedded' } } },
  { name: 'Firefox on Windows 10: straight to Windows', source: 'row 23 [F1][U8]', kind: 'windows-security-key', rule: 'no-browser-layer-windows',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { os: 'windows', osVersion: '10', browser: 'firefox', browserVersion: 130 } } },
  { name: 'Firefox on Windows 11 with native phone support: the Windows chooser', source: 'row 23 [F1][C6][M2]', kind: 'windows-passkey-chooser', rule: 'no-browser-layer-windows-chooser',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { os: 'windows', osVersion: '11-24H2', browser: 'firefox', browserVersion: 130 } } },
  { name: 'Firefox on Windows with a Windows Hello passkey: Windows Hello', source: 'row 23 [U8][C6]', kind: 'windows-hello', rule: 'no-browser-layer-windows-hello',
    input: { ceremony: 'get', request: stored(['internal'], HELLO.id), credentials: [HELLO], client: { os: 'windows', osVersion: '11-24H2', browser: 'firefox', browserVersion: 130, platformAuthenticator: true } } },
  { name: 'Safari macOS with hybrid+internal: Apple sheet, no key', source: 'row 24 [S8]', kind: 'apple-passkey-sheet', rule: 'safari-platform-sheet',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal'], PHONE_ICLOUD.id), credentials: [PHONE_ICLOUD], client: { os: 'macos', browser: 'safari', browserVersion: 18 } } },
  { name: 'Safari macOS with a USB key credential', source: '[S8] (usb transports add a security-key request)', kind: 'apple-security-key', rule: 'safari-security-key',
    input: { ceremony: 'get', request: stored(['usb'], KEY.id), credentials: [KEY], client: { os: 'macos', browser: 'safari', browserVersion: 18 } } },
  { name: 'Firefox on Linux: its own security-key prompt', source: '[F3]', kind: 'firefox-security-key', rule: 'firefox-own-key-prompt',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { os: 'linux', browser: 'firefox', browserVersion: 130 } } },
  { name: 'Firefox 122+ on macOS: system passkey sheet', source: '[F2]', kind: 'apple-passkey-sheet', rule: 'firefox-macos-system',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { os: 'macos', browser: 'firefox', browserVersion: 125 } } },
  { name: 'Android Chrome: the phone\'s own bottom sheet', source: '[S6] (mobile platform sheet)', kind: 'mobile-passkey-sheet', rule: 'mobile-sheet-android',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal']), credentials: [PHONE], client: { os: 'android', browser: 'chrome' } } },
  { name: 'iOS Safari', source: 'inferred (mobile platform sheet)', kind: 'mobile-passkey-sheet', rule: 'mobile-sheet-ios',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal']), credentials: [PHONE_ICLOUD], client: { os: 'ios', browser: 'safari' } } },
  { name: 'Linux Chrome, no Bluetooth, transports usb: Chrome USB sheet (seen on this machine)', source: 'stack.md §4 [C14][C17]', kind: 'chrome-security-key', rule: 'desktop-usb-only',
    input: { ceremony: 'get', request: stored(['usb'], KEY.id), credentials: [KEY], client: { ...linuxChrome, bluetooth: 'absent' } } },
  { name: 'Linux Chrome, no Bluetooth, transports omitted: Chrome USB sheet (seen)', source: 'stack.md §4 [C4]', kind: 'chrome-security-key', rule: 'desktop-usb-only',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...linuxChrome, bluetooth: 'absent' } } },
  { name: 'Linux Chrome, no Bluetooth, hybrid+internal: No passkeys available (seen)', source: 'stack.md §4 [C3]', kind: 'chrome-no-passkeys', rule: 'desktop-no-mechanisms',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal']), credentials: [PHONE], client: { ...linuxChrome, bluetooth: 'absent' } } },
  { name: 'Linux Chrome, no Bluetooth, internal only: No passkeys available (seen)', source: 'stack.md §4 [C1]', kind: 'chrome-no-passkeys', rule: 'desktop-no-mechanisms',
    input: { ceremony: 'get', request: stored(['internal']), credentials: [PHONE], client: { ...linuxChrome, bluetooth: 'absent' } } },
  { name: 'Edge on Windows 10 behaves like Chrome', source: 'row 1 [C1] (Chromium)', kind: 'windows-security-key', rule: 'windows-only-button',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...win10, browser: 'edge', bluetooth: 'absent' } } },
  { name: 'Win11 22H2 (no native phone), BLE on, hybrid+internal: Chrome QR only', source: 'row 2/14 [C1][C6]', kind: 'chrome-qr', rule: 'windows-phone-only',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal']), credentials: [PHONE], client: { ...win11NoHybrid, bluetooth: 'on' } } },
  { name: 'create on Windows 11 without Hello: passkey chooser', source: '[C1][M2]', kind: 'windows-passkey-chooser', rule: 'create-windows-chooser',
    input: { ceremony: 'create', request: {}, client: { ...win11Hybrid, platformAuthenticator: false } } },
];
