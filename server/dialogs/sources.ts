// Source keys the rules cite. Each resolves to a file in docs/research/ and a string that file contains (its own
// source-list entry, table row or section heading), so a fresh clone can follow every citation; a test checks that.

interface Source {
  doc: 'dialogs.md' | 'dialogs-2026.md' | 'verified-2026.md';
  anchor: string;
  text: string;
}

const d1 = (key: string, text: string): Source => ({ doc: 'dialogs.md', anchor: `* ${key}`, text });
const d26 = (key: string, text: string): Source => ({ doc: 'dialogs-2026.md', anchor: `* **${key}**`, text });
const section26 = (id: string, text: string): Source => ({
  doc: 'dialogs-2026.md',
  anchor: /^[A-J]$/.test(id) ? `## ${id}. ` : `**${id}.`,
  text,
});

export const SOURCES = {
  '[C1]': d1(
    '[C1]',
    'Chromium chrome/browser/webauthn/authenticator_request_dialog_controller.cc (mechanisms, Windows button labels, priority, hints, cancel)',
  ),
  '[C2]': d1(
    '[C2]',
    'Chromium chrome/browser/webauthn/authenticator_request_dialog_model_unittest.cc (Mechanisms table, WinCancel)',
  ),
  '[C3]': d1(
    '[C3]',
    'Chromium device/fido/fido_request_handler_base.cc (Windows keeps only hybrid; no BLE adapter removes hybrid)',
  ),
  '[C4]': d1('[C4]', 'Chromium device/fido/get_assertion_request_handler.cc (absent transports allow every transport)'),
  '[C6]': d1('[C6]', 'Chromium device/fido/win/webauthn_api.cc (SupportsHybrid = API >= 6)'),
  '[C14]': d1('[C14]', 'Chromium chrome/app/generated_resources.grd (WebAuthn strings)'),
  '[C15]': d1('[C15]', 'Chromium chrome/app/resources/generated_resources_ja.xtb (Japanese strings)'),
  '[C17]': d1('[C17]', 'Chromium chrome/browser/ui/webauthn/sheet_models.cc (USB sheet)'),
  '[M1]': d1('[M1]', 'microsoft/webauthn webauthn.h (API versions, transport bits, 0 = no restriction)'),
  '[M2]': d1('[M2]', 'learn.microsoft.com/windows/security/identity-protection/passkeys (Windows 11 passkey dialog)'),
  '[S4]': d1('[S4]', 'developer.chrome.com/blog/webauthn-immediate-mediation-ot (immediate mediation)'),
  '[S5]': d1('[S5]', 'developer.chrome.com/blog/passkeys-updates-chrome-129 (hints from Chrome 128)'),
  '[S6]': d1('[S6]', 'developer.chrome.com/blog/passkeys-gpm-desktop (Google Password Manager passkeys on desktop)'),
  '[S7]': d1('[S7]', 'corbado.com/blog/webauthn-public-key-credential-hints (Windows ignores hints)'),
  '[S8]': d1('[S8]', 'WebKit/WebKit PR 26538 (security key only for absent or usb/nfc/ble transports)'),
  '[S9]': d1('[S9]', 'bitwarden/clients issue 10649 and PR 13536 (internal-only transports: "No passkeys available")'),
  '[S10]': d1(
    '[S10]',
    'SimpleWebAuthn generateRegistrationOptions.ts (preferredAuthenticatorType → hints + attachment)',
  ),
  '[W2]': d1('[W2]', 'web-platform-tests webauthn/getcredential-ui-mode-immediate.https.html'),
  '[F1]': {
    doc: 'dialogs.md',
    anchor: '* [F1]',
    text: 'mozilla/gecko-dev dom/webauthn/WinWebAuthnService.cpp (Firefox hands WebAuthn to Windows)',
  },
  '[F2]': {
    doc: 'dialogs.md',
    anchor: '[F2] Fyrd/caniuse',
    text: 'Fyrd/caniuse 6961/6962 (Firefox 122 passkeys on macOS)',
  },
  '[F3]': {
    doc: 'dialogs.md',
    anchor: '[F3] mozilla-l10n',
    text: 'mozilla-l10n webauthnDialog.ftl (Firefox security-key prompt)',
  },
  '[U1]': d1('[U1]', 'amagovalley.com/mercari-require-securitykey (Mercari users see the USB security key prompt)'),
  '[U2]': d1('[U2]', 'koregasiritai.com/mercari-windows-security-login (Japanese dialog text)'),
  '[U3]': d1('[U3]', 'ena-7arch.net/login-error-on-mercari and others (same symptom)'),
  '[U5]': d1('[U5]', 'minbrowser/min issue 2528 (Electron on Windows shows the USB prompt)'),
  '[U8]': d1('[U8]', 'bitwarden/clients issue 17698 (Firefox on Windows → Windows Hello)'),
  '[U14]': d1('[U14]', 'Electron app sources (PayPal/AWS sign-in shows the Windows USB prompt)'),
  '[§11]': {
    doc: 'dialogs.md',
    anchor: '## 11. Newer behaviour',
    text: 'dialogs.md §11: newer Chrome behaviour (eras, hints to Windows API 8, synced phones removed)',
  },
  // 2025-2026 (dialogs-2026.md "Sources"; revisions pinned there)
  '[CTRL26]': d26(
    '[CTRL26]',
    'authenticator_request_dialog_controller.cc, 2026 revisions (GetWindowsAPIButtonLabel, UVPAA gate, PopulateMechanisms)',
  ),
  '[CTRL25]': d26(
    '[CTRL25]',
    'authenticator_request_dialog_controller.cc, a 2025 revision (kPasskeyUpgrade, no immediate, no UVPAA gate)',
  ),
  '[BT26]': d26(
    '[BT26]',
    'chrome/browser/webauthn/chrome_webauthn_browsertest.cc, 2026 (WebAuthnImmediateGetTest, Win hints, WinSignal*)',
  ),
  '[WPT]': d26('[WPT]', 'webauthn/getcredential-ui-mode-immediate.https.html (Chromium copy @0cf0ac21)'),
  '[ITS]': d26('[ITS]', 'blink-dev Intent to Ship: Web Authentication Immediate UI mode (Mar 2026) and follow-ups'),
  '[MSW]': d26('[MSW]', 'microsoft/webauthn webauthn.h (API v9) and webauthnplugin.h'),
  '[BCD]': d26('[BCD]', 'mdn/browser-compat-data @a0a74f9b2e (PublicKeyCredential, CredentialsContainer)'),
  '[PKD]': d26('[PKD]', 'passkeydeveloper/passkeys.dev @1cfc09b (device support, client hints)'),
  '2026§A1': section26('A1', 'dialogs-2026.md A1: immediate mode with nothing local rejects without UI'),
  '2026§A2': section26('A2', 'dialogs-2026.md A2: the shipped API is uiMode: immediate'),
  '2026§A3': section26('A3', 'dialogs-2026.md A3: allow list, activation, conditional, rate limit, incognito refusals'),
  '2026§A4': section26('A4', 'dialogs-2026.md A4: immediate mode never offers the Windows dialog'),
  '2026§A5': section26('A5', 'dialogs-2026.md A5: GPM passkeys count only when this device is enrolled'),
  '2026§A6': section26('A6', 'dialogs-2026.md A6: Safari/Firefox/old Chrome: TypeError or uiMode ignored'),
  '2026§A7': section26('A7', 'dialogs-2026.md A7: Android forwards to Credential Manager'),
  '2026§B1': section26('B1', 'dialogs-2026.md B1: conditional create (automatic passkey upgrades)'),
  '2026§C1': section26('C1', 'dialogs-2026.md C1: the Windows button needs Windows Hello set up'),
  '2026§C2': section26('C2', 'dialogs-2026.md C2: GPM preferred over Windows Hello for discoverable requests'),
  '2026§C3': section26('C3', 'dialogs-2026.md C3: a single iCloud Keychain passkey goes to the macOS sheet'),
  '2026§C4': section26('C4', 'dialogs-2026.md C4: "Turn on Bluetooth?" on macOS/Linux'),
  '2026§C5': section26('C5', 'dialogs-2026.md C5: synced phones and phone confirmation gone'),
  '2026§C7': section26('C7', 'dialogs-2026.md C7: hints; Windows gets them from API v8; Safari/Firefox ignore them'),
  '2026§D1': section26('D1', 'dialogs-2026.md D1: webauthn.dll API levels up to v9'),
  '2026§D2': section26('D2', 'dialogs-2026.md D2: third-party passkey managers as Windows plugins (25H2)'),
  '2026§D3': section26('D3', 'dialogs-2026.md D3: Windows 11 23H2+ owns hybrid; Windows 10 never did'),
  '2026§D4': section26('D4', 'dialogs-2026.md D4: the Signal API deletes/hides passkeys'),
  '2026§E1': section26('E1', 'dialogs-2026.md E1: Safari features by version'),
  '2026§E2': section26('E2', 'dialogs-2026.md E2: WebKit decides from transports only'),
  '2026§F1': section26('F1', 'dialogs-2026.md F1: Firefox hybrid only through platform APIs'),
  '2026§F2': section26('F2', 'dialogs-2026.md F2: Firefox: no hints, immediate, signals, conditional create'),
  '2026§G': section26('G', 'dialogs-2026.md G: what stays true (the seed story in 2026 code)'),
  '2026§I': section26(
    'I',
    'dialogs-2026.md I: observed in Chromium on Linux (no Bluetooth, no platform authenticator)',
  ),
  '2026§J': section26('J', 'dialogs-2026.md J: observed in firefox-esr on Linux'),
  // What this repository's authors checked themselves against code (docs/research/verified-2026.md).
  '[V-DELEGATE]': {
    doc: 'verified-2026.md',
    anchor: '## [V-DELEGATE]',
    text: 'chrome_authenticator_request_delegate.cc MaybeHandleImmediateMediation / FilterRecognizedCredentials (2026 revision)',
  },
  '[V-BUTTON]': {
    doc: 'verified-2026.md',
    anchor: '## [V-BUTTON]',
    text: 'authenticator_request_dialog_controller.cc GetWindowsAPIButtonLabel (2026 revision)',
  },
  '[V-PRIORITY]': {
    doc: 'verified-2026.md',
    anchor: '## [V-PRIORITY]',
    text: 'authenticator_request_dialog_controller.cc priority mechanism: SourcePriority, Windows Hello never priority (2026 revision)',
  },
  '[V-FLAGS]': {
    doc: 'verified-2026.md',
    anchor: '## [V-FLAGS]',
    text: 'device/fido/public/features.cc flag milestones: Windows hints M143, Hello signal off, iCloud Keychain M118',
  },
  '[V-BLINK]': {
    doc: 'verified-2026.md',
    anchor: '## [V-BLINK]',
    text: 'Blink authentication_credentials_container.cc ForwardRequestToAuthenticator: immediate checks before any UI',
  },
  '[V-GECKO]': {
    doc: 'verified-2026.md',
    anchor: '## [V-GECKO]',
    text: 'Gecko dom/credentialmanagement/CredentialsContainer.cpp: mediation checks for get() and create()',
  },
  '[V-IDL]': {
    doc: 'verified-2026.md',
    anchor: '## [V-IDL]',
    text: 'CredentialMediationRequirement enums in Blink, Gecko/Servo and WebKit IDL',
  },
  '[V-CREATE-PRIORITY]': {
    doc: 'verified-2026.md',
    anchor: '## [V-CREATE-PRIORITY]',
    text: 'authenticator_request_dialog_controller.cc create(): a hint before GPM; is_passkey_request = residentKey != discouraged (chromium/chromium@010a7c6c and a 2026 revision)',
  },
  '[V-RATE-LIMIT]': {
    doc: 'verified-2026.md',
    anchor: '## [V-RATE-LIMIT]',
    text: 'immediate_request_rate_limiter.cc and device/fido features.cc: localhost exempt; per eTLD+1, 2 per 5 s and 10 per 60 s',
  },
} satisfies Record<string, Source>;

export type SourceKey = keyof typeof SOURCES;

export const describeSources = (keys: readonly SourceKey[]) => keys.map((key) => `${key} ${SOURCES[key].text}`);
