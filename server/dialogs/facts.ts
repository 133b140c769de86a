import type { CredentialFacts, PredictionInput } from './types.js';

// Turns a prediction input into the facts the rules read, filling documented defaults and saying which it assumed.
// Numbers and gates come from ../shared/research/dialogs.md (§1.2 Windows API levels, §11 browser eras).

export const CURRENT_CHROME = 156;
const ALL_TRANSPORTS = ['usb', 'nfc', 'ble', 'hybrid', 'internal'] as const;
const KEY_TRANSPORTS = ['usb', 'nfc', 'ble'];
const GPM_AAGUID = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const ICLOUD_AAGUIDS = ['fbfc3007-154e-4ecc-8c0b-6e020557d7bd', 'dd4ec289-e01d-41c9-bb89-70fa845d4bf2'];
const WINDOWS_HELLO_AAGUIDS = ['08987058-cadc-4b81-b6e1-30de50dcbe96', '9ddd1817-af5a-4672-a2b9-3e3dd95000a9', '6028b017-b1d4-4c02-b4b3-afcdafc96bb2'];

export type AssumptionKey =
  | 'windows-version'
  | 'browser-version'
  | 'bluetooth'
  | 'platform-authenticator'
  | 'synced-providers'
  | 'credential-location';

export interface Facts {
  ceremony: 'get' | 'create';
  mediation: 'modal' | 'conditional' | 'immediate';
  hints: string[];
  attachment?: 'platform' | 'cross-platform';
  residentKey?: string;
  os: PredictionInput['client']['os'];
  browser: PredictionInput['client']['browser'];
  /** Chrome and Edge share Chromium's WebAuthn dialogs. */
  chromium: boolean;
  browserVersion: number;
  /** webauthn.dll API version on Windows; null elsewhere. */
  windowsApi: number | null;
  windowsLabel: string | null;
  bluetooth: 'absent' | 'off' | 'on';
  platformAuthenticator: boolean;
  gpmSync: boolean;
  icloudSync: boolean;
  syncedPhones: number;
  allowList: {
    empty: boolean;
    anyMissingTransports: boolean;
    allowed: Set<string>;
    mentionsInternal: boolean;
    mentionsHybrid: boolean;
    mentionsKey: boolean;
    internalOnly: boolean;
    onlyHybridOrInternal: boolean;
  };
  /** Credentials the request can reach: the allow list's, or all of the account's for a discoverable request. */
  targets: (CredentialFacts & { location: NonNullable<CredentialFacts['location']>; provider: string })[];
  local: { windowsHello: boolean; gpm: boolean; icloud: boolean; thisDevice: boolean };
  allOnPhones: boolean;
  site: string;
  assumptions: { key: AssumptionKey; value: string }[];
}

/** Maps a Windows version string to its webauthn.dll API level (dialogs.md §1.2, [M1][M2][U11][U12]). */
export function windowsApiLevel(osVersion: string): number {
  const v = osVersion.toLowerCase().replace(/\s+/g, '');
  if (v.startsWith('10')) return 3;
  if (v === '11-21h2') return 3;
  if (v === '11-22h2') return 4; // before KB5030310 (Sept 2023): no native phone support
  if (v === '11-23h2') return 6;
  if (v.startsWith('11')) return 8;
  return 8;
}

export function providerOf(credential: CredentialFacts): string {
  if (credential.provider) return credential.provider;
  const aaguid = credential.aaguid?.toLowerCase();
  if (aaguid === GPM_AAGUID) return 'google-password-manager';
  if (aaguid && ICLOUD_AAGUIDS.includes(aaguid)) return 'icloud-keychain';
  if (aaguid && WINDOWS_HELLO_AAGUIDS.includes(aaguid)) return 'windows-hello';
  return 'unknown';
}

function locationOf(credential: CredentialFacts): NonNullable<CredentialFacts['location']> | undefined {
  if (credential.location) return credential.location;
  const transports = credential.transports ?? [];
  if (transports.includes('hybrid')) return 'phone';
  if (transports.length > 0 && transports.every((t) => KEY_TRANSPORTS.includes(t))) return 'security-key';
  return undefined;
}

export function deriveFacts(input: PredictionInput, defaultSite: string): Facts {
  const assumptions: Facts['assumptions'] = [];
  const { client } = input;
  const request = input.request ?? {};

  let windowsApi: number | null = null;
  let windowsLabel: string | null = null;
  if (client.os === 'windows') {
    const osVersion = client.osVersion ?? '11';
    if (!client.osVersion) assumptions.push({ key: 'windows-version', value: 'Windows 11 24H2' });
    windowsApi = windowsApiLevel(osVersion);
    windowsLabel = osVersion;
  }
  const chromium = client.browser === 'chrome' || client.browser === 'edge' || client.browser === 'embedded';
  const browserVersion = client.browserVersion ?? (chromium ? CURRENT_CHROME : 0);
  if (!client.browserVersion && client.browser !== 'embedded') assumptions.push({ key: 'browser-version', value: chromium ? String(CURRENT_CHROME) : 'current' });
  const desktop = client.os !== 'android' && client.os !== 'ios';
  const bluetooth = client.bluetooth ?? 'on';
  if (!client.bluetooth && desktop) assumptions.push({ key: 'bluetooth', value: 'on' });
  const platformAuthenticator = client.platformAuthenticator ?? (client.os === 'windows' || client.os === 'macos');
  if (client.platformAuthenticator === undefined && desktop) assumptions.push({ key: 'platform-authenticator', value: String(platformAuthenticator) });
  if (!client.syncedProviders && desktop) assumptions.push({ key: 'synced-providers', value: 'none' });
  const synced = client.syncedProviders ?? [];

  const entries = request.allowCredentials ?? [];
  const empty = entries.length === 0;
  const anyMissingTransports = entries.some((entry) => !entry.transports || entry.transports.length === 0);
  const allowed = new Set<string>(empty || anyMissingTransports ? ALL_TRANSPORTS : entries.flatMap((entry) => entry.transports ?? []));
  const mentions = (t: string) => empty || anyMissingTransports || allowed.has(t);
  const allowList = {
    empty,
    anyMissingTransports,
    allowed,
    mentionsInternal: mentions('internal'),
    mentionsHybrid: mentions('hybrid'),
    mentionsKey: empty || anyMissingTransports || KEY_TRANSPORTS.some((t) => allowed.has(t)),
    internalOnly: !empty && !anyMissingTransports && entries.every((e) => e.transports!.length === 1 && e.transports![0] === 'internal'),
    onlyHybridOrInternal: !empty && !anyMissingTransports && [...allowed].every((t) => t === 'hybrid' || t === 'internal'),
  };

  const credentials = input.credentials ?? [];
  const requested = empty ? credentials : credentials.filter((c) => entries.some((entry) => entry.id === c.id));
  let guessedLocation = false;
  const targets = requested.map((credential) => {
    const location = locationOf(credential);
    if (!location) guessedLocation = true;
    return { ...credential, location: location ?? 'phone', provider: providerOf(credential) };
  });
  if (guessedLocation) assumptions.push({ key: 'credential-location', value: 'phone' });

  // A Google Password Manager passkey reaches desktop Chrome from M129 when the profile syncs passkeys [S6].
  const gpmSync = synced.includes('google-password-manager') && client.browser === 'chrome' && browserVersion >= 129;
  const icloudSync = synced.includes('icloud-keychain') && (client.os === 'macos' || client.os === 'ios');
  const local = {
    windowsHello: client.os === 'windows' && targets.some((t) => t.location === 'this-device' && (t.provider === 'windows-hello' || t.provider === 'unknown')),
    gpm: gpmSync && targets.some((t) => t.provider === 'google-password-manager'),
    icloud: icloudSync && targets.some((t) => t.provider === 'icloud-keychain'),
    thisDevice: targets.some((t) => t.location === 'this-device'),
  };

  return {
    ceremony: input.ceremony,
    // silent/optional/required draw the same modal sheet as no mediation (until the 2026 rules tell them apart).
    mediation: request.mediation === 'conditional' || request.mediation === 'immediate' ? request.mediation : 'modal',
    hints: request.hints ?? [],
    attachment: request.authenticatorAttachment,
    residentKey: request.residentKey,
    os: client.os,
    browser: client.browser,
    chromium,
    browserVersion,
    windowsApi,
    windowsLabel,
    bluetooth,
    platformAuthenticator,
    gpmSync,
    icloudSync,
    syncedPhones: client.syncedPhones ?? 0,
    allowList,
    targets,
    local,
    allOnPhones: targets.length > 0 && targets.every((t) => t.location === 'phone'),
    site: input.site ?? defaultSite,
    assumptions,
  };
}
