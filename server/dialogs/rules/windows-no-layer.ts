import { PENDING, WIN11_CHOOSER, type Rule } from './shared.js';

// Firefox and embedded browsers on Windows have no dialog layer of their own: straight to webauthn.dll (row 23),
// which shows Windows Hello for a passkey on this PC, its passkey chooser from API 6, and otherwise the USB prompt.
const ERAS = ['firefox', 'embedded'] as const;

export const NO_BROWSER_LAYER_RULES: Rule[] = [
  {
    id: 'no-browser-layer-windows-hello',
    row: 23,
    eras: ERAS,
    when: (f) => f.local.windowsHello && f.platformAuthenticator,
    screen: 'windows-hello',
    owner: 'windows',
    outcome: PENDING,
    reasons: ['no-browser-layer'],
    remedies: { user: ['use-hello'], relyingParty: [] },
    confidence: 'inferred',
    sources: ['[F1]', '[U8]', '[C6]'],
    evidence: 'From dialogs.md row 23 and the Bitwarden report. Not tried on Windows.',
  },
  {
    id: 'no-browser-layer-windows-plugin',
    eras: ERAS,
    when: (f) => f.local.plugin !== null || (f.ceremony === 'create' && f.plugins.length > 0),
    screen: 'windows-passkey-chooser',
    owner: 'windows',
    options: (f) =>
      f.ceremony === 'create' ? ['plugin-save', ...WIN11_CHOOSER] : ['plugin-passkey', ...WIN11_CHOOSER],
    outcome: PENDING,
    reasons: ['plugin-windows'],
    remedies: { user: ['pick-plugin-passkey'], relyingParty: [] },
    confidence: 'inferred',
    sources: ['2026§D2', '[MSW]'],
    evidence:
      'Inferred from webauthnplugin.h and MS Learn (D2): with a plugin enabled, the Windows dialog offers it. Not tried.',
  },
  {
    id: 'no-browser-layer-windows-chooser',
    row: 23,
    eras: ERAS,
    when: (f) => (f.windowsApi ?? 0) >= 6,
    screen: 'windows-passkey-chooser',
    owner: 'windows',
    options: WIN11_CHOOSER,
    outcome: PENDING,
    reasons: ['no-browser-layer', 'windows-owns-hybrid'],
    remedies: { user: ['choose-phone-windows'], relyingParty: ['explain-qr-copy'] },
    confidence: 'inferred',
    sources: ['[F1]', '[C6]', '[M2]', '2026§D3'],
    evidence: 'From the notes (D3: Firefox on Windows 23H2+ uses the platform hybrid). Not tried.',
  },
  {
    id: 'no-browser-layer-windows',
    row: 23,
    eras: ERAS,
    screen: 'windows-security-key',
    owner: 'windows',
    then: () => [{ kind: 'none-rejected', after: 'cancel' }],
    outcome: PENDING,
    reasons: ['no-browser-layer'],
    remedies: {
      user: ['cancel-then-fallback', 'open-system-browser'],
      relyingParty: ['store-transports', 'offer-fallback-first'],
    },
    confidence: 'reported',
    sources: ['[U5]', '[U14]', '[F1]', '[U8]', '2026§D3'],
    evidence: 'User reports (Electron, Firefox on Windows 10 "Security USB Key only", D3). Not tried on Windows.',
  },
];
