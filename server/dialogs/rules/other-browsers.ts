import { PENDING, type Rule } from './shared.js';

// Phones, Safari and Firefox (outside Windows): no Chromium dialog layer.

export const MOBILE_RULES: Rule[] = [
  {
    id: 'mobile-sheet-android',
    eras: ['mobile'],
    os: ['android'],
    screen: 'mobile-passkey-sheet',
    owner: 'android',
    outcome: PENDING,
    reasons: ['mobile-sheet'],
    remedies: { user: ['mobile-pick'], relyingParty: ['store-transports'] },
    confidence: 'inferred',
    sources: ['[S6]', '2026§A7'],
    evidence: 'From the notes: Android forwards WebAuthn to Credential Manager (A7). Not tried.',
  },
  {
    id: 'mobile-sheet-ios',
    eras: ['mobile'],
    screen: 'mobile-passkey-sheet',
    owner: 'ios',
    outcome: PENDING,
    reasons: ['mobile-sheet'],
    remedies: { user: ['mobile-pick'], relyingParty: ['store-transports'] },
    confidence: 'inferred',
    sources: ['[S6]', '2026§E1'],
    evidence: 'Every iOS browser is WebKit and shows the system sheet. Not tried.',
  },
];

// Safari: WebKit asks the platform (iCloud Keychain / nearby device) and adds a security-key request only when
// transports are absent or name usb/nfc/ble (row 24, [S8]). It ignores hints and, for get(), attachment (C7, E2).
export const SAFARI_RULES: Rule[] = [
  {
    id: 'safari-security-key',
    eras: ['safari'],
    when: (f) => (f.ceremony === 'get' ? f.allowList.onlyKeys : f.attachment === 'cross-platform'),
    screen: 'apple-security-key',
    owner: 'safari',
    outcome: PENDING,
    reasons: ['safari-key'],
    remedies: { user: ['insert-key-or-cancel'], relyingParty: ['store-transports'] },
    confidence: 'source',
    sources: ['[S8]', '2026§E2', '2026§C7'],
    evidence:
      'WebKit PR 26538 (commit message, per dialogs.md): the decision uses transports only; hints unsupported per [BCD]/[PKD] (C7). Not tried.',
  },
  {
    id: 'safari-platform-sheet',
    row: 24,
    eras: ['safari'],
    screen: 'apple-passkey-sheet',
    owner: 'safari',
    options: (f) =>
      f.allowList.mentionsKey ? ['icloud-passkey', 'other-device', 'usb-key'] : ['icloud-passkey', 'other-device'],
    outcome: PENDING,
    reasons: ['safari-platform'],
    remedies: { user: ['apple-nearby'], relyingParty: ['store-transports'] },
    confidence: 'source',
    sources: ['[S8]', '2026§E2'],
    evidence: 'From dialogs.md row 24 and the WebKit commit message. Not tried.',
  },
];

export const FIREFOX_RULES: Rule[] = [
  {
    id: 'firefox-macos-system',
    eras: ['firefox'],
    since: 122,
    os: ['macos'],
    screen: 'apple-passkey-sheet',
    owner: 'macos',
    options: ['icloud-passkey', 'other-device'],
    outcome: PENDING,
    reasons: ['firefox-macos'],
    remedies: { user: ['apple-nearby'], relyingParty: ['store-transports'] },
    confidence: 'reported',
    sources: ['[F2]', '2026§F1'],
    evidence: 'From the notes (caniuse, authenticator-rs#321). Not tried.',
  },
  {
    id: 'firefox-own-key-prompt',
    eras: ['firefox'],
    screen: 'firefox-security-key',
    owner: 'firefox',
    outcome: PENDING,
    reasons: ['firefox-own'],
    remedies: { user: ['cancel-then-fallback'], relyingParty: ['offer-fallback-first'] },
    confidence: 'source',
    sources: ['[F3]', '2026§J', '2026§F1'],
    evidence:
      'Seen by hand in firefox-esr on Linux: one doorhanger "Touch your security key to continue with localhost." for get (any transports, hints, uiMode) and modal create (§J).',
  },
];
