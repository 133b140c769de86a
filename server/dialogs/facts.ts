import { CURRENT_VERSION, eraOf, hasFeature, type Era } from './features.js';
import { describeProvider, providerName } from '../passkey-providers.js';
import type { CredentialFacts, PredictionInput } from './types.js';
import { DEFAULT_WINDOWS, parseWindowsVersion, type WindowsVersion } from './windows-version.js';

// Turns a prediction input into the facts the rules read, filling documented defaults and saying which it assumed.
// Version gates live in features.ts, Windows versions in windows-version.ts.

const ALL_TRANSPORTS = ['usb', 'nfc', 'ble', 'hybrid', 'internal'] as const;
const KEY_TRANSPORTS = ['usb', 'nfc', 'ble'];

export type AssumptionKey =
  | 'windows-version'
  | 'windows-unrecognised'
  | 'windows-release'
  | 'windows-build'
  | 'browser-version'
  | 'bluetooth'
  | 'platform-authenticator'
  | 'synced-providers'
  | 'credential-location'
  | 'gpm-enrolled'
  | 'ui-mode-ignored'
  | 'mediation-ignored'
  | 'silent-mediation'
  | 'plugin-needs-25h2'
  | 'plugin-unknown';

type Target = CredentialFacts & { location: NonNullable<CredentialFacts['location']>; provider: string };

export interface Facts {
  ceremony: 'get' | 'create';
  /** After normalisation: no mediation, 'optional', 'required' and 'silent' are all a modal request. */
  mediation: 'modal' | 'conditional';
  /** The mediation member as sent ('immediate' is the origin-trial syntax). */
  mediationSent: NonNullable<NonNullable<PredictionInput['request']>['mediation']> | null;
  uiMode: 'immediate' | null;
  /** The request asks for immediate mode and this browser implements the syntax used. */
  immediate: boolean;
  hints: string[];
  attachment?: 'platform' | 'cross-platform';
  residentKey?: string;
  os: PredictionInput['client']['os'];
  browser: PredictionInput['client']['browser'];
  /** Chrome and Edge share Chromium's WebAuthn dialogs. */
  chromium: boolean;
  browserVersion: number;
  era: Era;
  /** Behaviours this browser version has (features.ts), after what the page reported in getClientCapabilities(). */
  has: {
    hints: boolean;
    gpmDesktop: boolean;
    syncedPhones: boolean;
    signals: boolean;
    conditionalGet: boolean;
    conditionalCreate: boolean;
    helloGate: boolean;
    gpmOverHello: boolean;
    hintsToWindows: boolean;
    immediateGet: boolean;
    immediateOriginTrial: boolean;
    mechanismList: boolean;
    helloSignal: boolean;
    icloudKeychain: boolean;
  };
  /** webauthn.dll API version on Windows; null elsewhere. */
  windowsApi: number | null;
  windows: WindowsVersion | null;
  bluetooth: 'absent' | 'off' | 'on';
  /** UVPAA: Windows Hello set up on Windows, Touch ID etc. elsewhere. */
  platformAuthenticator: boolean;
  gpmSync: boolean;
  gpmEnrolled: boolean;
  icloudSync: boolean;
  syncedPhones: number;
  incognito: boolean;
  userActivation: boolean;
  recentImmediateCalls: number;
  immediateCallsLastMinute: number;
  /** Plugin providers that are really active (Windows 11 25H2, API 9), in the AAGUID list's spelling. */
  plugins: string[];
  allowList: {
    empty: boolean;
    anyMissingTransports: boolean;
    allowed: Set<string>;
    mentionsInternal: boolean;
    mentionsHybrid: boolean;
    mentionsKey: boolean;
    internalOnly: boolean;
    onlyHybridOrInternal: boolean;
    onlyKeys: boolean;
  };
  /** Credentials the request can reach: the allow list's, or all of the account's for a discoverable request. */
  targets: Target[];
  /** Where a reachable passkey is known to this browser without asking the user (signalled ones no longer count). */
  local: { windowsHello: boolean; gpm: boolean; icloud: boolean; thisDevice: boolean; plugin: string | null };
  allOnPhones: boolean;
  site: string;
  assumptions: { key: AssumptionKey; value: string }[];
}

/**
 * A credential's passkey provider as the rules name it: one of the three they know, else the AAGUID list's name, else
 * unknown.
 */
function providerOf(credential: CredentialFacts): string {
  if (credential.provider) return credential.provider;
  if (!credential.aaguid) return 'unknown';
  const { kind, name } = describeProvider(credential.aaguid);
  if (kind === 'google-password-manager' || kind === 'icloud-keychain' || kind === 'windows-hello') return kind;
  return (kind === 'other' && name) || 'unknown';
}

function locationOf(credential: CredentialFacts): NonNullable<CredentialFacts['location']> | undefined {
  if (credential.location) return credential.location;
  const transports = credential.transports ?? [];
  if (transports.includes('hybrid')) return 'phone';
  if (transports.length > 0 && transports.every((t) => KEY_TRANSPORTS.includes(t))) return 'security-key';
  return undefined;
}

function allowListFacts(
  entries: NonNullable<NonNullable<PredictionInput['request']>['allowCredentials']>,
): Facts['allowList'] {
  const empty = entries.length === 0;
  const anyMissingTransports = entries.some((entry) => !entry.transports || entry.transports.length === 0);
  const allowed = new Set<string>(
    empty || anyMissingTransports ? ALL_TRANSPORTS : entries.flatMap((entry) => entry.transports ?? []),
  );
  const all = empty || anyMissingTransports;
  return {
    empty,
    anyMissingTransports,
    allowed,
    mentionsInternal: all || allowed.has('internal'),
    mentionsHybrid: all || allowed.has('hybrid'),
    mentionsKey: all || KEY_TRANSPORTS.some((t) => allowed.has(t)),
    internalOnly: !all && entries.every((e) => e.transports!.length === 1 && e.transports![0] === 'internal'),
    onlyHybridOrInternal: !all && [...allowed].every((t) => t === 'hybrid' || t === 'internal'),
    onlyKeys: !all && [...allowed].every((t) => KEY_TRANSPORTS.includes(t)),
  };
}

export function deriveFacts(input: PredictionInput, defaultSite: string): Facts {
  const assumptions: Facts['assumptions'] = [];
  const assume = (key: AssumptionKey, value: string) => assumptions.push({ key, value });
  const { client } = input;
  const request = input.request ?? {};
  const desktop = client.os !== 'android' && client.os !== 'ios';

  let windows: WindowsVersion | null = null;
  if (client.os === 'windows') {
    windows = parseWindowsVersion(client.osVersion ?? DEFAULT_WINDOWS);
    if (!client.osVersion) assume('windows-version', windows.label);
    else if (windows.doubt === 'unrecognised')
      assume('windows-unrecognised', `"${client.osVersion}" → ${windows.label}`);
    else if (windows.doubt === 'release-unknown') assume('windows-release', windows.label);
    else if (windows.doubt === 'build-approximate') assume('windows-build', `${windows.build} → ${windows.label}`);
  }

  const chromium = client.browser === 'chrome' || client.browser === 'edge' || client.browser === 'embedded';
  const browserVersion = client.browserVersion ?? CURRENT_VERSION[client.browser];
  if (!client.browserVersion && client.browser !== 'embedded') assume('browser-version', String(browserVersion));
  const gate = (feature: Parameters<typeof hasFeature>[0]) =>
    hasFeature(feature, client.browser, browserVersion, client.os);
  const reported = client.capabilities ?? {};
  const has: Facts['has'] = {
    hints: gate('hints'),
    gpmDesktop: gate('gpmDesktop'),
    syncedPhones: gate('syncedPhones'),
    signals: gate('signals'),
    // What the page itself reported wins over the version table.
    conditionalGet: reported.conditionalGet ?? gate('conditionalGet'),
    conditionalCreate: reported.conditionalCreate ?? gate('conditionalCreate'),
    helloGate: gate('helloGatedWindowsButton'),
    gpmOverHello: gate('gpmOverHello'),
    hintsToWindows: gate('hintsToWindows'),
    immediateGet: reported.immediateGet ?? gate('immediateGet'),
    immediateOriginTrial: gate('immediateOriginTrial'),
    mechanismList: gate('mechanismList'),
    helloSignal: gate('helloSignal'),
    icloudKeychain: gate('icloudKeychain'),
  };

  const bluetooth = client.bluetooth ?? 'on';
  if (!client.bluetooth && desktop) assume('bluetooth', 'on');
  let platformAuthenticator: boolean;
  if (client.os === 'windows' && client.windowsHello) platformAuthenticator = client.windowsHello === 'set-up';
  else {
    platformAuthenticator = client.platformAuthenticator ?? (client.os === 'windows' || client.os === 'macos');
    if (client.platformAuthenticator === undefined && desktop)
      assume('platform-authenticator', String(platformAuthenticator));
  }
  if (!client.syncedProviders && desktop) assume('synced-providers', 'none');
  const synced = client.syncedProviders ?? [];

  const uiMode = input.ceremony === 'get' && request.uiMode === 'immediate' ? 'immediate' : null;
  const mediationSent = request.mediation ?? null;
  const immediate =
    input.ceremony === 'get' &&
    ((uiMode !== null && has.immediateGet) || (mediationSent === 'immediate' && has.immediateOriginTrial));
  if (uiMode && !has.immediateGet) assume('ui-mode-ignored', `${client.browser} ${browserVersion}`);
  if (mediationSent === 'silent' && client.browser !== 'firefox') assume('silent-mediation', 'modal');
  const mediation = mediationSent === 'conditional' ? 'conditional' : 'modal';
  if (
    mediation === 'conditional' &&
    input.ceremony === 'create' &&
    !has.conditionalCreate &&
    client.browser !== 'firefox'
  )
    assume('mediation-ignored', `${client.browser} ${browserVersion}`);

  const plugins: string[] = [];
  for (const name of client.pluginProviders ?? []) {
    const known = providerName(name);
    if (!known) assume('plugin-unknown', name);
    else if (client.os !== 'windows' || (windows?.api ?? 0) < 9) assume('plugin-needs-25h2', known);
    else plugins.push(known);
  }

  const entries = request.allowCredentials ?? [];
  const allowList = allowListFacts(entries);
  const credentials = input.credentials ?? [];
  const requested = allowList.empty
    ? credentials
    : credentials.filter((c) => entries.some((entry) => entry.id === c.id));
  let guessedLocation = false;
  const targets = requested.map((credential) => {
    const location = locationOf(credential);
    if (!location) guessedLocation = true;
    return { ...credential, location: location ?? 'phone', provider: providerOf(credential) };
  });
  if (guessedLocation) assume('credential-location', 'phone');

  // A Google Password Manager passkey reaches desktop Chrome from M129 when the profile syncs passkeys [S6].
  const gpmSync = synced.includes('google-password-manager') && client.browser === 'chrome' && has.gpmDesktop;
  const gpmEnrolled = client.gpmEnrolled ?? gpmSync;
  if (gpmSync && client.gpmEnrolled === undefined && uiMode) assume('gpm-enrolled', String(gpmEnrolled));
  // Chromium on macOS reaches iCloud Keychain only from M118 (kWebAuthnICloudKeychain); other browsers are not gated.
  const icloudSync =
    synced.includes('icloud-keychain') &&
    (client.os === 'ios' || (client.os === 'macos' && (!chromium || has.icloudKeychain)));
  const onWindowsHello = (t: Target) =>
    client.os === 'windows' &&
    t.location === 'this-device' &&
    (t.provider === 'windows-hello' || t.provider === 'unknown');
  // After signalUnknownCredential / signalAllAcceptedCredentials GPM hides the passkey (from Chrome 144,
  // kWebAuthnSignalApiHidePasskeys; deleted before that: dialogs-2026.md §D4), so it no longer counts as local where
  // the browser has the Signal API. Windows Hello keeps it: Chromium deletes from Windows Hello only behind
  // kWebAuthnHelloSignal, which is disabled by default (features.ts helloSignal, [V-FLAGS]).
  const present = targets.filter((t) => !(t.signalled && has.signals && (!onWindowsHello(t) || has.helloSignal)));
  const local = {
    windowsHello: present.some(onWindowsHello),
    gpm: gpmSync && present.some((t) => t.provider === 'google-password-manager'),
    icloud: icloudSync && present.some((t) => t.provider === 'icloud-keychain'),
    // An iCloud Keychain passkey on this Mac is out of reach of a Chromium that cannot use iCloud Keychain yet.
    thisDevice: present.some(
      (t) => t.location === 'this-device' && !(t.provider === 'icloud-keychain' && chromium && !has.icloudKeychain),
    ),
    plugin: present.find((t) => plugins.includes(t.provider))?.provider ?? null,
  };

  return {
    ceremony: input.ceremony,
    mediation,
    mediationSent,
    uiMode,
    immediate,
    hints: request.hints ?? [],
    ...(request.authenticatorAttachment ? { attachment: request.authenticatorAttachment } : {}),
    ...(request.residentKey ? { residentKey: request.residentKey } : {}),
    os: client.os,
    browser: client.browser,
    chromium,
    browserVersion,
    era: eraOf(client.browser, browserVersion, client.os),
    has,
    windowsApi: windows?.api ?? null,
    windows,
    bluetooth,
    platformAuthenticator,
    gpmSync,
    gpmEnrolled,
    icloudSync,
    syncedPhones: client.syncedPhones ?? 0,
    incognito: client.incognito ?? false,
    userActivation: client.userActivation ?? true,
    recentImmediateCalls: client.recentImmediateCalls ?? 0,
    // The calls of the last 5 s are among those of the last minute.
    immediateCallsLastMinute: Math.max(client.immediateCallsLastMinute ?? 0, client.recentImmediateCalls ?? 0),
    plugins,
    allowList,
    targets,
    local,
    allOnPhones: targets.length > 0 && targets.every((t) => t.location === 'phone'),
    site: input.site ?? defaultSite,
    assumptions,
  };
}
