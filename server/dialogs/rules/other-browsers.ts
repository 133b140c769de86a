import { SRC, type Rule } from './shared.js';

// Safari, Firefox and embedded browsers: no Chromium dialog layer.
export const OTHER_BROWSER_RULES: Rule[] = [
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
];
