import type { ClientFacts } from '../../server/dialogs/types.js';
import { HELLO, KEY, PHONE, PHONE_ICLOUD, omitted, stored, type Scenario } from './predictor-table.js';

// Every 2025-2026 behaviour of docs/research/dialogs-2026.md (sections A-J), one scenario each; §I rows are what
// Chromium showed by hand on Linux (no Bluetooth adapter, no platform authenticator), §J what firefox-esr showed.

const linux150: ClientFacts = { os: 'linux', browser: 'chrome', browserVersion: 150, bluetooth: 'absent', platformAuthenticator: false, syncedProviders: [] };
const firefoxEsr: ClientFacts = { os: 'linux', browser: 'firefox', browserVersion: 140, bluetooth: 'absent', platformAuthenticator: false };
const seedPc150: ClientFacts = { os: 'windows', osVersion: '10', browser: 'chrome', browserVersion: 150, bluetooth: 'absent', windowsHello: 'set-up', syncedProviders: [] };
const win11_150: ClientFacts = { os: 'windows', osVersion: '11 24H2', browser: 'chrome', browserVersion: 150, bluetooth: 'on', windowsHello: 'set-up', syncedProviders: [] };
const win25h2: ClientFacts = { ...win11_150, osVersion: '11 25H2', pluginProviders: ['1Password'] };
const mac150: ClientFacts = { os: 'macos', browser: 'chrome', browserVersion: 150, bluetooth: 'on', platformAuthenticator: true, syncedProviders: ['icloud-keychain'] };
const safari26: ClientFacts = { os: 'macos', browser: 'safari', browserVersion: 26, syncedProviders: ['icloud-keychain'] };
const android150: ClientFacts = { os: 'android', browser: 'chrome', browserVersion: 150 };
const GPM = { ...PHONE, id: 'cred-gpm' };
const ONEPASSWORD = { id: 'cred-1p', aaguid: 'bada5566-a7aa-401f-bd96-45619a55120d', backupEligible: true, location: 'other-computer' as const };
const BITWARDEN = { id: 'cred-bw', aaguid: 'd548826e-79b4-db40-a3d8-11116f7e8349', backupEligible: true, location: 'other-computer' as const };
const ON_PHONE = { id: 'cred-android', transports: ['hybrid', 'internal'], location: 'this-device' as const };
const IMMEDIATE = { uiMode: 'immediate' as const, mediation: 'optional' as const };

// One scenario per row (two lines each), laid out like the research table: Prettier would spread each over ten.
// prettier-ignore
export const scenarios2026: Scenario[] = [
  // A. Immediate UI mode
  { name: 'uiMode immediate, nothing local (Chromium on Linux): NotAllowedError, no UI', source: '§I, A1 [WPT][V-DELEGATE]', kind: 'no-ui', rule: 'immediate-nothing-local', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE], client: linux150 } },
  { name: 'the seed-story PC with Chrome 150 and uiMode: no USB prompt, NotAllowedError', source: 'A1, G', kind: 'no-ui', rule: 'immediate-nothing-local', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE], client: seedPc150 } },
  { name: 'uiMode immediate with an allow list', source: '§I, A3 [WPT]', kind: 'no-ui', rule: 'immediate-allow-list', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: { ...IMMEDIATE, ...omitted() }, credentials: [PHONE], client: linux150 } },
  { name: 'origin-trial mediation: "immediate" in Chromium 150: TypeError', source: '§I, A2 [V-IDL]', kind: 'no-ui', rule: 'mediation-immediate-typeerror', outcome: 'TypeError',
    input: { ceremony: 'get', request: { mediation: 'immediate' }, credentials: [PHONE], client: linux150 } },
  { name: 'uiMode immediate without user activation', source: '§I, A3', kind: 'no-ui', rule: 'immediate-no-user-activation', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE], client: { ...linux150, userActivation: false } } },
  { name: 'uiMode immediate with mediation conditional: NotSupportedError', source: '§I, A3', kind: 'no-ui', rule: 'immediate-with-conditional', outcome: 'NotSupportedError',
    input: { ceremony: 'get', request: { uiMode: 'immediate', mediation: 'conditional' }, credentials: [PHONE], client: linux150 } },
  { name: 'uiMode immediate in Incognito, even with a Windows Hello passkey', source: 'A3 [V-DELEGATE][BT26]', kind: 'no-ui', rule: 'immediate-incognito', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [HELLO], client: { ...win11_150, incognito: true } } },
  { name: 'third immediate call within five seconds', source: 'A3 [ITS]', kind: 'no-ui', rule: 'immediate-rate-limited', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [HELLO], client: { ...win11_150, recentImmediateCalls: 2 } } },
  { name: 'Windows 10 cannot list a Hello passkey silently: immediate rejects', source: 'A4 [V-BUTTON]', kind: 'no-ui', rule: 'immediate-windows10-hello-unknown', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [HELLO], client: seedPc150 } },
  { name: 'Windows 11 with only a Hello passkey: immediate goes to Windows Hello', source: 'A4 [CTRL26]', kind: 'windows-hello', rule: 'immediate-windows-hello-only',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [HELLO], client: win11_150 } },
  { name: 'Windows 11 25H2, a 1Password plugin passkey: immediate opens the Windows dialog', source: 'D2 (inferred)', kind: 'windows-passkey-chooser', rule: 'immediate-windows-plugin',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [ONEPASSWORD], client: win25h2 } },
  { name: 'macOS Chrome, a single iCloud passkey, immediate: the macOS sheet', source: 'C3 (inferred for immediate)', kind: 'apple-passkey-sheet', rule: 'immediate-icloud-only',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE_ICLOUD], client: mac150 } },
  { name: 'GPM passkey but this PC not enrolled: immediate rejects', source: 'A5 [V-DELEGATE]', kind: 'no-ui', rule: 'immediate-nothing-local', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [GPM], client: { ...win11_150, syncedProviders: ['google-password-manager'], gpmEnrolled: false } } },
  { name: 'Android Chrome 150, a passkey on this phone: the phone sheet', source: 'A7 (inferred)', kind: 'mobile-passkey-sheet', rule: 'immediate-android-local',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [ON_PHONE], client: android150 } },
  { name: 'Android Chrome 150, nothing on this phone: NotAllowedError', source: 'A7, A1', kind: 'no-ui', rule: 'immediate-android-nothing', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE], client: android150 } },
  { name: 'the page reports immediateGet false (e.g. a policy): uiMode ignored, a normal request', source: 'A8', kind: 'chrome-security-key', rule: 'desktop-usb-only',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE], client: { ...linux150, capabilities: { immediateGet: false } } } },
  { name: 'immediate, GPM on an enrolled PC plus a Hello copy: one sorted, deduplicated Chrome list', source: 'C6, A5', kind: 'chrome-passkey-list', rule: 'immediate-local-passkey',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [GPM, HELLO], client: { ...win11_150, syncedProviders: ['google-password-manager'], gpmEnrolled: true } } },
  { name: 'Edge 150 follows Chromium: immediate rejects on the seed-story PC', source: 'A1, G', kind: 'no-ui', rule: 'immediate-nothing-local', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE], client: { ...seedPc150, browser: 'edge' } } },
  { name: 'Chrome 131 ignores uiMode: the seed story\'s USB prompt again', source: 'A6', kind: 'windows-security-key', rule: 'windows-only-button',
    input: { ceremony: 'get', request: { ...IMMEDIATE, ...omitted() }, credentials: [PHONE], client: { ...seedPc150, browserVersion: 131 } } },
  { name: 'Chrome 145 (before the launch) ignores uiMode', source: 'A2, A6', kind: 'chrome-security-key', rule: 'desktop-usb-only',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE], client: { ...linux150, browserVersion: 145 } } },
  { name: 'Chrome 142 in the origin trial: mediation immediate works', source: 'A2 (OT, Chrome 139)', kind: 'no-ui', rule: 'immediate-nothing-local', outcome: 'NotAllowedError',
    input: { ceremony: 'get', request: { mediation: 'immediate' }, credentials: [PHONE], client: { ...linux150, browserVersion: 142 } } },
  { name: 'Chrome 131 with mediation immediate: TypeError', source: 'A6', kind: 'no-ui', rule: 'mediation-immediate-typeerror', outcome: 'TypeError',
    input: { ceremony: 'get', request: { mediation: 'immediate' }, credentials: [PHONE], client: { ...linux150, browserVersion: 131 } } },
  { name: 'Firefox ignores uiMode: its own security-key doorhanger', source: '§J, A6', kind: 'firefox-security-key', rule: 'firefox-own-key-prompt',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE], client: firefoxEsr } },
  { name: 'Firefox on the seed-story PC ignores uiMode: USB prompt', source: 'A6, D3', kind: 'windows-security-key', rule: 'no-browser-layer-windows',
    input: { ceremony: 'get', request: { ...IMMEDIATE, ...omitted() }, credentials: [PHONE], client: { os: 'windows', osVersion: '10', browser: 'firefox', browserVersion: 140 } } },
  { name: 'Electron (embedded Chromium) has no Chrome UI layer: uiMode ignored, USB prompt', source: 'A6 (inferred for embedded), row 23', kind: 'windows-security-key', rule: 'no-browser-layer-windows',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE], client: { os: 'windows', osVersion: '10', browser: 'embedded', browserVersion: 150 } } },
  { name: 'Firefox with mediation silent: NotSupportedError', source: 'F2 [V-GECKO]', kind: 'no-ui', rule: 'firefox-silent-refused', outcome: 'NotSupportedError',
    input: { ceremony: 'get', request: { mediation: 'silent' }, credentials: [PHONE], client: firefoxEsr } },
  { name: 'Firefox with mediation immediate: TypeError', source: '§J', kind: 'no-ui', rule: 'mediation-immediate-typeerror', outcome: 'TypeError',
    input: { ceremony: 'get', request: { mediation: 'immediate' }, credentials: [PHONE], client: firefoxEsr } },
  { name: 'Safari ignores uiMode: the Apple sheet', source: 'A6, E1', kind: 'apple-passkey-sheet', rule: 'safari-platform-sheet',
    input: { ceremony: 'get', request: IMMEDIATE, credentials: [PHONE_ICLOUD], client: safari26 } },
  { name: 'Safari with mediation immediate: TypeError', source: 'A6 (WebKit IDL)', kind: 'no-ui', rule: 'mediation-immediate-typeerror', outcome: 'TypeError',
    input: { ceremony: 'get', request: { mediation: 'immediate' }, credentials: [PHONE_ICLOUD], client: safari26 } },

  // B. Conditional create
  { name: 'conditional create in Chromium without GPM: NotAllowedError, no sheet', source: '§I, B1', kind: 'no-ui', rule: 'conditional-create-refused', outcome: 'NotAllowedError',
    input: { ceremony: 'create', request: { mediation: 'conditional' }, client: linux150 } },
  { name: 'conditional create in Chrome with GPM: silent upgrade', source: 'B1 [CTRL26]', kind: 'no-ui', rule: 'conditional-create-upgrade', outcome: 'resolves',
    input: { ceremony: 'create', request: { mediation: 'conditional' }, client: { ...win11_150, syncedProviders: ['google-password-manager'] } } },
  { name: 'conditional create in Firefox: NotSupportedError', source: '§J, F2', kind: 'no-ui', rule: 'firefox-conditional-create-refused', outcome: 'NotSupportedError',
    input: { ceremony: 'create', request: { mediation: 'conditional' }, client: firefoxEsr } },
  { name: 'conditional create on Android Chrome 142', source: 'B1 [PKD]', kind: 'no-ui', rule: 'conditional-create-android', outcome: 'resolves',
    input: { ceremony: 'create', request: { mediation: 'conditional' }, client: { ...android150, browserVersion: 142 } } },
  { name: 'conditional create in Safari 18 with iCloud Keychain', source: 'B1, E1', kind: 'no-ui', rule: 'conditional-create-safari', outcome: 'resolves',
    input: { ceremony: 'create', request: { mediation: 'conditional' }, client: { ...safari26, browserVersion: 18 } } },
  { name: 'conditional create in Safari without iCloud Keychain', source: 'B1 (inferred)', kind: 'no-ui', rule: 'conditional-create-safari-refused', outcome: 'NotAllowedError',
    input: { ceremony: 'create', request: { mediation: 'conditional' }, client: { ...safari26, syncedProviders: [] } } },
  { name: 'Chrome 131 has no conditional create: a normal create', source: 'B1 (136+)', kind: 'windows-hello', rule: 'create-windows-hello',
    input: { ceremony: 'create', request: { mediation: 'conditional' }, client: { ...win11_150, browserVersion: 131 } } },

  // Conditional get outside Chrome
  { name: 'Firefox conditional get: "Use a passkey" in the field', source: '§J', kind: 'firefox-passkey-autofill', rule: 'conditional-autofill-firefox',
    input: { ceremony: 'get', request: { mediation: 'conditional' }, credentials: [PHONE], client: firefoxEsr } },
  { name: 'Safari conditional get', source: 'E1', kind: 'autofill', rule: 'conditional-autofill-safari',
    input: { ceremony: 'get', request: { mediation: 'conditional' }, credentials: [PHONE_ICLOUD], client: safari26 } },
  { name: 'Android conditional get', source: 'A7', kind: 'autofill', rule: 'conditional-autofill-android',
    input: { ceremony: 'get', request: { mediation: 'conditional' }, credentials: [PHONE], client: android150 } },
  { name: 'iOS conditional get', source: 'E1', kind: 'autofill', rule: 'conditional-autofill-ios',
    input: { ceremony: 'get', request: { mediation: 'conditional' }, credentials: [PHONE_ICLOUD], client: { os: 'ios', browser: 'safari', browserVersion: 18 } } },
  { name: 'Chromium 150 conditional get on Linux: pending, no sheet', source: '§I', kind: 'autofill', rule: 'conditional-autofill',
    input: { ceremony: 'get', request: { mediation: 'conditional' }, credentials: [PHONE], client: linux150 } },

  // create() as seen in Chromium on Linux (§I), and elsewhere
  { name: 'create, no attachment, no Bluetooth: Chrome\'s security-key sheet (not QR)', source: '§I', kind: 'chrome-security-key', rule: 'create-desktop-security-key',
    input: { ceremony: 'create', request: {}, client: linux150 } },
  { name: 'create, cross-platform: Chrome\'s security-key sheet', source: '§I', kind: 'chrome-security-key', rule: 'create-desktop-security-key',
    input: { ceremony: 'create', request: { authenticatorAttachment: 'cross-platform' }, client: linux150 } },
  { name: 'create, platform, no platform authenticator: "Your device can\'t be used with this site"', source: '§I', kind: 'chrome-device-not-usable', rule: 'create-platform-no-authenticator',
    input: { ceremony: 'create', request: { authenticatorAttachment: 'platform' }, client: linux150 } },
  { name: 'create, platform, Windows without Hello in 2026 Chrome', source: 'C1 (inferred)', kind: 'chrome-device-not-usable', rule: 'create-platform-without-hello-2025',
    input: { ceremony: 'create', request: { authenticatorAttachment: 'platform' }, client: { ...seedPc150, windowsHello: 'not-set-up' } } },
  { name: 'create with a security-key hint on Linux Chrome 131 with Bluetooth', source: 'H10', kind: 'chrome-security-key', rule: 'create-desktop-security-key-hint',
    input: { ceremony: 'create', request: { hints: ['security-key'] }, client: { ...linux150, browserVersion: 131, bluetooth: 'on' } } },
  { name: 'create on macOS with Bluetooth: QR for a phone first', source: 'dialogs.md §1.4', kind: 'chrome-qr', rule: 'create-qr-for-passkey',
    input: { ceremony: 'create', request: { residentKey: 'required' }, client: { ...mac150, syncedProviders: [] } } },
  { name: 'create with GPM sync: save in Google Password Manager', source: 'dialogs.md §1.4 [S6]', kind: 'chrome-passkey-list', rule: 'create-gpm',
    input: { ceremony: 'create', request: {}, client: { ...win11_150, syncedProviders: ['google-password-manager'] } } },
  { name: 'create on Windows 11 25H2 with Bitwarden as a plugin', source: 'D2 (inferred)', kind: 'windows-passkey-chooser', rule: 'create-windows-plugin',
    input: { ceremony: 'create', request: {}, client: { ...win25h2, pluginProviders: ['bitwarden'] } } },

  // C. Chrome desktop routing 2025-2026
  { name: 'Win10 no Bluetooth no Hello, stored hybrid+internal: "No passkeys available"', source: 'C1 [V-BUTTON]', kind: 'chrome-no-passkeys', rule: 'windows-no-mechanisms-no-hello',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal']), credentials: [PHONE], client: { ...seedPc150, windowsHello: 'not-set-up' } } },
  { name: 'seed story without Hello: still the USB prompt ("Use an external security key")', source: 'C1, G', kind: 'windows-security-key', rule: 'windows-only-button',
    input: { ceremony: 'get', request: omitted(), credentials: [PHONE], client: { ...seedPc150, windowsHello: 'not-set-up' } } },
  { name: 'Chrome 124, internal-only allow list, no Hello: "Turn on Windows Hello"', source: 'C1, H4', kind: 'chrome-turn-on-windows-hello', rule: 'windows-internal-only-no-hello',
    input: { ceremony: 'get', request: stored(['internal']), credentials: [PHONE], client: { ...seedPc150, browserVersion: 124, windowsHello: 'not-set-up' } } },
  { name: 'discoverable, GPM and Hello copies: Chrome\'s list (GPM preferred)', source: 'C2 [CTRL26]', kind: 'chrome-passkey-list', rule: 'gpm-over-hello-discoverable',
    input: { ceremony: 'get', request: {}, credentials: [GPM, HELLO], client: { ...win11_150, syncedProviders: ['google-password-manager'] } } },
  { name: 'allow list naming the Hello copy: Windows Hello', source: 'C2', kind: 'windows-hello', rule: 'windows-hello-recognised',
    input: { ceremony: 'get', request: stored(['internal'], HELLO.id), credentials: [GPM, HELLO], client: { ...win11_150, syncedProviders: ['google-password-manager'] } } },
  { name: 'hint security-key, Windows API v8: forwarded, USB prompt', source: 'C7 [BT26]', kind: 'windows-security-key', rule: 'hint-security-key-windows',
    input: { ceremony: 'get', request: { ...omitted(), hints: ['security-key'] }, credentials: [PHONE], client: win11_150 } },
  { name: 'hint security-key, Windows 11 23H2 (no hints in webauthn.dll): the chooser', source: 'C7, D1 [BT26]', kind: 'windows-passkey-chooser', rule: 'hint-security-key-windows-chooser',
    input: { ceremony: 'get', request: { ...omitted(), hints: ['security-key'] }, credentials: [PHONE], client: { ...win11_150, osVersion: '10.0.22631' } } },
  { name: 'Windows 11 25H2, 1Password plugin passkey, modal: Windows dialog', source: 'D2 (inferred)', kind: 'windows-passkey-chooser', rule: 'windows-plugin-passkey',
    input: { ceremony: 'get', request: {}, credentials: [ONEPASSWORD], client: win25h2 } },
  { name: 'a signalled Hello passkey no longer counts (Chrome 150): Windows chooser', source: 'D4 [BT26]', kind: 'windows-passkey-chooser', rule: 'windows-chooser',
    input: { ceremony: 'get', request: stored(['internal', 'hybrid'], HELLO.id), credentials: [{ ...HELLO, signalled: 'unknown' }], client: win11_150 } },
  { name: 'macOS Chrome, a single iCloud passkey: the macOS sheet', source: 'C3', kind: 'apple-passkey-sheet', rule: 'desktop-icloud-single',
    input: { ceremony: 'get', request: {}, credentials: [PHONE_ICLOUD], client: mac150 } },
  { name: 'macOS Chrome, two iCloud passkeys: Chrome\'s list', source: 'dialogs.md §1.3', kind: 'chrome-passkey-list', rule: 'desktop-local-passkey',
    input: { ceremony: 'get', request: {}, credentials: [PHONE_ICLOUD, { ...PHONE_ICLOUD, id: 'cred-iphone-2' }], client: mac150 } },
  { name: 'Linux Chrome, Bluetooth off, stored hybrid+internal: "Turn on Bluetooth?"', source: 'C4', kind: 'chrome-turn-on-bluetooth', rule: 'desktop-turn-on-bluetooth',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal']), credentials: [PHONE], client: { ...linux150, bluetooth: 'off' } } },
  { name: 'macOS Chrome, Bluetooth off, hybrid hint: "Turn on Bluetooth?"', source: 'C4', kind: 'chrome-turn-on-bluetooth', rule: 'desktop-turn-on-bluetooth',
    input: { ceremony: 'get', request: { ...omitted(), hints: ['hybrid'] }, credentials: [PHONE], client: { ...mac150, bluetooth: 'off', syncedProviders: [] } } },
  { name: 'Linux Chrome 124 with one synced phone: phone confirmation', source: 'C5, H9', kind: 'chrome-phone-confirmation', rule: 'desktop-phone-confirmation',
    input: { ceremony: 'get', request: stored(['hybrid', 'internal']), credentials: [PHONE], client: { ...linux150, browserVersion: 124, bluetooth: 'on', syncedPhones: 1 } } },
  { name: 'Linux Chrome with GPM sync: Chrome\'s passkey list', source: 'row 6 [S6]', kind: 'chrome-passkey-list', rule: 'desktop-gpm-passkey-list',
    input: { ceremony: 'get', request: omitted(GPM.id), credentials: [GPM], client: { ...linux150, syncedProviders: ['google-password-manager'] } } },
  { name: 'Linux Chromium, hybrid hint without a Bluetooth adapter: USB sheet, no "Turn on Bluetooth?"', source: '§I', kind: 'chrome-security-key', rule: 'desktop-usb-only',
    input: { ceremony: 'get', request: { ...omitted(), hints: ['hybrid'] }, credentials: [PHONE], client: linux150 } },
  { name: 'Linux Chromium, empty allow list: USB sheet', source: '§I', kind: 'chrome-security-key', rule: 'desktop-usb-only',
    input: { ceremony: 'get', request: {}, credentials: [PHONE], client: linux150 } },

  // E/F. Safari and Firefox
  { name: 'Safari ignores the security-key hint', source: 'C7, E2', kind: 'apple-passkey-sheet', rule: 'safari-platform-sheet',
    input: { ceremony: 'get', request: { ...stored(['hybrid', 'internal'], PHONE_ICLOUD.id), hints: ['security-key'] }, credentials: [PHONE_ICLOUD], client: safari26 } },
  { name: 'Safari create, cross-platform: security-key sheet', source: 'E2', kind: 'apple-security-key', rule: 'safari-security-key',
    input: { ceremony: 'create', request: { authenticatorAttachment: 'cross-platform' }, client: safari26 } },
  { name: 'Safari, USB key stored with transports: security-key sheet', source: 'E2 [S8]', kind: 'apple-security-key', rule: 'safari-security-key',
    input: { ceremony: 'get', request: stored(['usb'], KEY.id), credentials: [KEY], client: safari26 } },
  { name: 'Firefox create (modal): its own doorhanger', source: '§J', kind: 'firefox-security-key', rule: 'firefox-own-key-prompt',
    input: { ceremony: 'create', request: {}, client: firefoxEsr } },
  { name: 'Firefox with a hybrid hint: the same doorhanger (no hybrid on Linux)', source: '§J, F1, F2', kind: 'firefox-security-key', rule: 'firefox-own-key-prompt',
    input: { ceremony: 'get', request: { ...stored(['hybrid', 'internal']), hints: ['hybrid'] }, credentials: [PHONE], client: firefoxEsr } },
  { name: 'Firefox on Windows 11 25H2 with a Bitwarden plugin passkey', source: 'D2 (inferred)', kind: 'windows-passkey-chooser', rule: 'no-browser-layer-windows-plugin',
    input: { ceremony: 'get', request: {}, credentials: [BITWARDEN], client: { os: 'windows', osVersion: '26200', browser: 'firefox', browserVersion: 140, pluginProviders: ['Bitwarden'] } } },
];
