import type { Facts } from '../facts.js';
import { CHROMIUM_DESKTOP, DESKTOP_OSES, PENDING, WIN11_CHOOSER, hasHint, type Rule } from './shared.js';

/** Chromium's is_passkey_request: residentKey other than "discouraged" (absent means discouraged). */
const passkeyRequest = (f: Facts) => f.residentKey !== undefined && f.residentKey !== 'discouraged';

/**
 * A security-key or hybrid hint on create() goes to its mechanism before GPM can be the default: 2024 code runs
 * StartGuidedFlowForHint before the priority mechanism, 2026 code takes the first priority mechanism matching the
 * hint, where GPM (Enclave) matches only client-device ([V-CREATE-PRIORITY]). The phone entry is in the 2026 list
 * only for a passkey request, so a hybrid hint wins there only then, or when Windows owns hybrid.
 */
const hintOutranksGpm = (f: Facts) =>
  hasHint(f, 'security-key') ||
  (hasHint(f, 'hybrid') &&
    ((f.os === 'windows' && (f.windowsApi ?? 0) >= 6) || (f.bluetooth !== 'absent' && passkeyRequest(f))));

// create() in desktop Chromium, modal (conditional create is rules/conditional.ts). §1.4: GPM first when it can be the
// default, then Windows Hello, then the Windows dialog or Chrome's QR / USB sheets.
export const CREATE_RULES: Rule[] = [
  {
    id: 'create-gpm',
    eras: CHROMIUM_DESKTOP,
    when: (f) => f.gpmSync && f.attachment !== 'cross-platform' && !hintOutranksGpm(f),
    screen: 'chrome-passkey-list',
    owner: 'chrome',
    options: ['gpm-save'],
    outcome: PENDING,
    reasons: ['create-gpm'],
    remedies: { user: ['save-in-gpm'], relyingParty: [] },
    confidence: 'source',
    sources: ['[C1]', '[S6]', '[V-CREATE-PRIORITY]'],
    evidence:
      'From dialogs.md §1.4 (create priority: GPM when it can be the default; a hint first) and [V-CREATE-PRIORITY] (a security-key or hybrid hint outranks GPM). Not tried with a GPM account.',
  },
  {
    id: 'create-platform-without-hello',
    row: 20,
    eras: CHROMIUM_DESKTOP,
    os: ['windows'],
    when: (f) => f.attachment === 'platform' && !f.platformAuthenticator && !f.has.helloGate,
    screen: 'chrome-turn-on-windows-hello',
    owner: 'chrome',
    outcome: PENDING,
    reasons: ['create-no-hello'],
    remedies: { user: ['turn-on-hello'], relyingParty: ['attachment-any'] },
    confidence: 'source',
    sources: ['[C1]', '[C2]'],
    evidence: 'From dialogs.md row 20 (StartWinNativeApi; WinNoPlatformAuthenticator test), a 2024 revision.',
  },
  {
    id: 'create-platform-without-hello-2025',
    eras: CHROMIUM_DESKTOP,
    os: ['windows'],
    when: (f) => f.attachment === 'platform' && !f.platformAuthenticator,
    screen: 'chrome-device-not-usable',
    owner: 'chrome',
    outcome: PENDING,
    reasons: ['create-no-hello-2025'],
    remedies: { user: ['turn-on-hello', 'use-fallback'], relyingParty: ['attachment-any'] },
    confidence: 'inferred',
    sources: ['2026§C1', '[V-BUTTON]', '2026§I'],
    evidence:
      'Inferred: with the UVPAA gate [V-BUTTON] no Windows button exists for a platform-only create, so no mechanism remains; Chromium on Linux draws "Your device can\'t be used with this site" for the same case (§I).',
  },
  {
    id: 'create-platform-no-authenticator',
    eras: CHROMIUM_DESKTOP,
    os: DESKTOP_OSES,
    when: (f) => f.attachment === 'platform' && !f.platformAuthenticator,
    screen: 'chrome-device-not-usable',
    owner: 'chrome',
    outcome: PENDING,
    reasons: ['create-device-not-usable'],
    remedies: { user: ['use-fallback'], relyingParty: ['attachment-any'] },
    confidence: 'source',
    sources: ['2026§I'],
    evidence:
      'Seen by hand in Chromium on Linux without a platform authenticator: "Your device can\'t be used with this site", pending until Cancel (§I).',
  },
  {
    id: 'create-windows-plugin',
    eras: CHROMIUM_DESKTOP,
    os: ['windows'],
    when: (f) => f.plugins.length > 0 && f.attachment !== 'cross-platform',
    screen: 'windows-passkey-chooser',
    owner: 'windows',
    options: ['plugin-save', 'win11-this-device', ...WIN11_CHOOSER],
    outcome: PENDING,
    reasons: ['create-plugin'],
    remedies: { user: ['pick-plugin-passkey'], relyingParty: [] },
    confidence: 'inferred',
    sources: ['2026§D2', '[MSW]'],
    evidence:
      'MS Learn via the note (D2): "You will be prompted, on saving your passkey, with the Contoso Passkey Manager". How Chrome routes to it is inferred.',
  },
  {
    id: 'create-windows-hello',
    eras: CHROMIUM_DESKTOP,
    os: ['windows'],
    when: (f) =>
      f.attachment !== 'cross-platform' &&
      f.platformAuthenticator &&
      !f.hints.includes('security-key') &&
      !f.hints.includes('hybrid'),
    screen: 'windows-hello',
    owner: 'windows',
    outcome: PENDING,
    reasons: ['create-hello'],
    remedies: { user: ['use-hello'], relyingParty: [] },
    confidence: 'source',
    sources: ['[C1]'],
    evidence: 'From dialogs.md §1.4 (create: Windows Hello if UVPAA).',
  },
  {
    id: 'create-windows-chooser',
    eras: CHROMIUM_DESKTOP,
    os: ['windows'],
    when: (f) => (f.windowsApi ?? 0) >= 6,
    screen: 'windows-passkey-chooser',
    owner: 'windows',
    options: WIN11_CHOOSER,
    outcome: PENDING,
    reasons: ['create-windows-chooser'],
    remedies: { user: ['choose-phone-windows'], relyingParty: ['no-security-key-hint'] },
    confidence: 'source',
    sources: ['[C1]', '[M2]'],
    evidence: 'From dialogs.md §1.3 (create: hybrid when key and API >= 6).',
  },
  {
    id: 'create-desktop-security-key-hint',
    eras: CHROMIUM_DESKTOP,
    os: DESKTOP_OSES,
    when: (f) => hasHint(f, 'security-key'),
    screen: 'chrome-security-key',
    owner: 'chrome',
    outcome: PENDING,
    reasons: ['create-key-hint-desktop'],
    remedies: { user: ['cancel-then-fallback'], relyingParty: ['no-security-key-hint'] },
    confidence: 'source',
    sources: ['[C1]', '[C17]'],
    evidence:
      'dialogs-2026.md H10: seen with Chrome 131 on Linux; §1.4 "create() with a hint → guided flow for the hint".',
  },
  {
    id: 'create-qr-for-passkey',
    eras: CHROMIUM_DESKTOP,
    when: (f) =>
      f.bluetooth !== 'absent' && (f.os !== 'windows' || (passkeyRequest(f) && !f.hints.includes('security-key'))),
    screen: 'chrome-qr',
    owner: 'chrome',
    options: (f) => (f.attachment !== 'platform' ? ['qr-key-line'] : []),
    outcome: PENDING,
    reasons: ['create-qr'],
    remedies: { user: ['scan-with-phone'], relyingParty: [] },
    confidence: 'source',
    sources: ['[C1]', '[C2]', '[V-CREATE-PRIORITY]'],
    evidence:
      'From dialogs.md §1.4 (QR for resident-key requests when no phone is paired); on Windows any residentKey but "discouraged" is such a request (is_passkey_request, [V-CREATE-PRIORITY]). Needs a Bluetooth adapter: without one Chromium drops hybrid [C3] (§I).',
  },
  {
    id: 'create-desktop-security-key',
    eras: CHROMIUM_DESKTOP,
    os: DESKTOP_OSES,
    screen: 'chrome-security-key',
    owner: 'chrome',
    outcome: PENDING,
    reasons: ['create-desktop-key'],
    remedies: {
      user: ['cancel-then-fallback', 'bluetooth-dongle'],
      relyingParty: ['attachment-any', 'offer-explicit-create'],
    },
    confidence: 'source',
    sources: ['2026§I', '[C17]'],
    evidence:
      'Seen by hand in Chromium on Linux without Bluetooth: create with no attachment or cross-platform → "Use your security key with localhost" (§I).',
  },
  {
    id: 'create-security-key-prompt',
    row: 19,
    eras: CHROMIUM_DESKTOP,
    screen: 'windows-security-key',
    owner: 'windows',
    outcome: PENDING,
    reasons: ['create-key-only'],
    remedies: { user: ['cancel-then-fallback'], relyingParty: ['no-security-key-hint', 'attachment-any'] },
    confidence: 'reported',
    sources: ['[C1]', '[S10]', '[U14]'],
    evidence: 'From dialogs.md row 19 (SimpleWebAuthn mapping, Electron code comments).',
  },
];
