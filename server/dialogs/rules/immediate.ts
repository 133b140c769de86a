import type { Facts } from '../facts.js';
import { PENDING, REJECTS, localOptions, type Rule } from './shared.js';

// Immediate UI mode (uiMode: 'immediate', Chromium 148+; the origin trial's mediation: 'immediate' in 139-147). The
// dispatcher enters this table only where the browser implements the syntax used; elsewhere the member is ignored
// (a normal modal request) or the call throws (rules/request.ts). Order follows Chromium: the renderer's checks
// (allow list, user activation), then ChromeAuthenticatorRequestDelegate::MaybeHandleImmediateMediation
// (incognito, rate limit, nothing known) [V-DELEGATE].

const IMMEDIATE_ERAS = ['chromium-2025', 'mobile'] as const;

/**
 * Passkeys Chrome knows without asking ([V-DELEGATE] kImmediateTypes: enclave, iCloud, Windows, ChromeOS, Touch ID).
 */
function immediatelyKnown(f: Facts): boolean {
  const windowsListed =
    f.os === 'windows' && (f.windowsApi ?? 0) >= 4 && f.local.windowsHello && f.platformAuthenticator;
  const onThisComputer = f.os !== 'windows' && f.local.thisDevice;
  return (f.local.gpm && f.gpmEnrolled) || f.local.icloud || windowsListed || onThisComputer || f.local.plugin !== null;
}

const notAllowed = REJECTS('NotAllowedError');

export const IMMEDIATE_RULES: Rule[] = [
  {
    id: 'immediate-allow-list',
    row: 18,
    eras: IMMEDIATE_ERAS,
    when: (f) => !f.allowList.empty,
    screen: 'no-ui',
    owner: 'none',
    outcome: notAllowed,
    reasons: ['immediate-allow-list'],
    remedies: { user: ['use-fallback'], relyingParty: ['immediate-empty-allow-list'] },
    confidence: 'source',
    sources: ['[WPT]', '2026§A3', '2026§I', '[W2]', '[V-BLINK]'],
    evidence:
      'Seen by hand in Chromium: NotAllowedError "An allowCredentials is not allowed with immediate mediation." in ~1 ms (§I); read in Blink: checked in the renderer before the activation check [V-BLINK].',
  },
  {
    id: 'immediate-no-user-activation',
    eras: IMMEDIATE_ERAS,
    when: (f) => !f.userActivation,
    screen: 'no-ui',
    owner: 'none',
    outcome: notAllowed,
    reasons: ['immediate-no-activation'],
    remedies: { user: ['use-fallback'], relyingParty: ['immediate-on-click-only'] },
    confidence: 'source',
    sources: ['[WPT]', '2026§A3', '2026§I', '[V-BLINK]'],
    evidence:
      'Seen by hand in Chromium: NotAllowedError "A user activation is required to request immediate credentials." (§I); read in Blink [V-BLINK].',
  },
  {
    id: 'immediate-incognito',
    eras: IMMEDIATE_ERAS,
    when: (f) => f.incognito,
    screen: 'no-ui',
    owner: 'none',
    outcome: notAllowed,
    reasons: ['immediate-incognito'],
    remedies: { user: ['open-normal-window', 'use-fallback'], relyingParty: ['immediate-fallback'] },
    confidence: 'source',
    sources: ['[V-DELEGATE]', '[BT26]', '2026§A3'],
    evidence:
      'Read in code: "Always return not allowed immediate in incognito" (profile()->IsOffTheRecord()) [V-DELEGATE]. Not tried by hand.',
  },
  {
    id: 'immediate-rate-limited',
    eras: IMMEDIATE_ERAS,
    // The limiter exempts a top-level host of exactly "localhost" (the lab's default site) [V-RATE-LIMIT].
    when: (f) =>
      (f.recentImmediateCalls >= 2 || f.immediateCallsLastMinute >= 10) && f.site.toLowerCase() !== 'localhost',
    screen: 'no-ui',
    owner: 'none',
    outcome: notAllowed,
    reasons: ['immediate-rate-limit'],
    remedies: { user: ['use-fallback'], relyingParty: ['immediate-on-click-only'] },
    confidence: 'source',
    sources: ['[ITS]', '[V-DELEGATE]', '[V-RATE-LIMIT]', '2026§A3'],
    evidence:
      'Read in code: ImmediateRequestRateLimiter [V-DELEGATE] counts per registrable domain (eTLD+1), 2 per 5 s and 10 per 60 s by default, and lets localhost through [V-RATE-LIMIT].',
  },
  {
    id: 'immediate-android-local',
    eras: ['mobile'],
    os: ['android'],
    when: (f) => f.local.thisDevice || f.local.gpm,
    screen: 'mobile-passkey-sheet',
    owner: 'android',
    outcome: PENDING,
    reasons: ['immediate-android'],
    remedies: { user: ['mobile-pick'], relyingParty: ['immediate-fallback'] },
    confidence: 'inferred',
    sources: ['2026§A7'],
    evidence:
      'From the note only (A7: all six Blink platforms; Android forwards WebAuthn to Credential Manager). Not tried.',
  },
  {
    id: 'immediate-android-nothing',
    eras: ['mobile'],
    os: ['android'],
    screen: 'no-ui',
    owner: 'none',
    outcome: notAllowed,
    reasons: ['immediate-no-local'],
    remedies: { user: ['use-fallback'], relyingParty: ['immediate-fallback'] },
    confidence: 'inferred',
    sources: ['2026§A7', '2026§A1'],
    evidence: 'A1 applies on every Blink platform per the note; Android not tried.',
  },
  {
    id: 'immediate-windows10-hello-unknown',
    eras: IMMEDIATE_ERAS,
    os: ['windows'],
    when: (f) => (f.windowsApi ?? 0) < 4 && f.local.windowsHello && !immediatelyKnown(f),
    screen: 'no-ui',
    owner: 'none',
    outcome: notAllowed,
    reasons: ['immediate-win10-hello'],
    remedies: { user: ['use-fallback'], relyingParty: ['immediate-fallback'] },
    confidence: 'source',
    sources: ['2026§A4', '[V-BUTTON]', '[C2]'],
    evidence:
      'Read in code: GetWindowsAPIButtonLabel returns nullopt for kModalImmediate [V-BUTTON]; "For <=Win 10, we can\'t tell if there is a credential" from the note (A4).',
  },
  {
    id: 'immediate-windows-hello-only',
    eras: IMMEDIATE_ERAS,
    os: ['windows'],
    when: (f) =>
      (f.windowsApi ?? 0) >= 4 &&
      f.local.windowsHello &&
      f.platformAuthenticator &&
      !(f.local.gpm && f.gpmEnrolled) &&
      f.local.plugin === null,
    screen: 'windows-hello',
    owner: 'windows',
    outcome: PENDING,
    reasons: ['immediate-hello-only'],
    remedies: { user: ['use-hello'], relyingParty: [] },
    confidence: 'source',
    sources: ['2026§A4', '[CTRL26]', '[V-DELEGATE]'],
    evidence:
      'kWinNative is an immediate source [V-DELEGATE]; "Windows Hello only, jump directly to Windows" from the note (A4, [CTRL26]). Not tried on Windows.',
  },
  {
    id: 'immediate-windows-plugin',
    eras: IMMEDIATE_ERAS,
    os: ['windows'],
    when: (f) => f.local.plugin !== null && !(f.local.gpm && f.gpmEnrolled),
    screen: 'windows-passkey-chooser',
    owner: 'windows',
    options: ['plugin-passkey', 'win11-key'],
    outcome: PENDING,
    reasons: ['immediate-plugin'],
    remedies: { user: ['pick-plugin-passkey'], relyingParty: [] },
    confidence: 'inferred',
    sources: ['2026§D2', '[MSW]', '2026§A4'],
    evidence:
      'Inferred: webauthnplugin.h adds plugin credentials "for Browser AutoFill Scenarios" (D2), so Chrome lists them like Windows Hello ones (kWinNative). Not tried.',
  },
  {
    id: 'immediate-icloud-only',
    eras: IMMEDIATE_ERAS,
    os: ['macos'],
    when: (f) =>
      f.local.icloud &&
      !(f.local.gpm && f.gpmEnrolled) &&
      f.targets.filter((t) => t.provider === 'icloud-keychain').length === 1,
    screen: 'apple-passkey-sheet',
    owner: 'macos',
    options: ['icloud-passkey'],
    outcome: PENDING,
    reasons: ['immediate-icloud'],
    remedies: { user: ['apple-nearby'], relyingParty: [] },
    confidence: 'inferred',
    sources: ['2026§C3', '[V-DELEGATE]'],
    evidence:
      'kICloudKeychain is an immediate source [V-DELEGATE]; that a single one runs the macOS sheet directly is the modal rule of C3, assumed to hold here.',
  },
  {
    id: 'immediate-local-passkey',
    row: 18,
    eras: IMMEDIATE_ERAS,
    when: (f) => immediatelyKnown(f),
    screen: 'chrome-passkey-list',
    owner: 'chrome',
    options: (f) => localOptions(f).filter((o) => o !== 'other-device'),
    outcome: PENDING,
    reasons: ['immediate-local'],
    remedies: { user: ['pick-listed-passkey'], relyingParty: ['immediate-fallback'] },
    confidence: 'source',
    sources: ['2026§A5', '[V-DELEGATE]', '[ITS]'],
    evidence:
      'Read in code: enclave passkeys count only when is_account_ready() [V-DELEGATE]; the CombinedSelectorSheet from the note (A5). Not tried with a real GPM account.',
  },
  {
    id: 'immediate-nothing-local',
    row: 18,
    eras: IMMEDIATE_ERAS,
    screen: 'no-ui',
    owner: 'none',
    outcome: notAllowed,
    reasons: ['immediate-no-local'],
    remedies: { user: ['use-fallback'], relyingParty: ['immediate-fallback'] },
    confidence: 'source',
    sources: ['2026§A1', '[WPT]', '2026§I', '[V-DELEGATE]', '[S4]'],
    evidence:
      'Seen by hand in Chromium: NotAllowedError "No immediate discoverable credentials are found." in ~3 ms, no sheet (§I); code: recognized_credentials + passwords == 0 [V-DELEGATE].',
  },
];
