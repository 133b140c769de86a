import type { StoredCredential } from '../../db/credentials.js';
import { credentialHealth } from '../account/health.js';
import { describeProvider } from '../passkey-providers.js';
import { likelyHome } from './lookup.js';
import { predictDialog } from '../dialogs/predict.js';
import { DEVICES, inputFor } from './matrix.js';
import type { Device, Fix, Sheet } from './schemas.js';

// What staff may change for a customer (issue 12 point 4), with its effect on the device matrix shown before anyone
// applies it. Pure: the account's passkeys in, proposals out; applying is the route's job (and is audited).
//
// - store-transports: a synced passkey stored without the ways it can be reached (or as "inside the device" only) gets
//   ['hybrid', 'internal'], what Google Password Manager and iCloud Keychain report for new passkeys. Sent back in the
//   sign-in request, it lets a PC offer the phone instead of a USB key. Device-bound passkeys are left alone: for them
//   the stored answer may be right, and a wrong one would hide the security key or the PC.
// - add-passkey-here: at the next sign-in on a PC the account page offers to add a passkey on that PC (the ask is a
//   flag on the account, server/support-asks.ts). Its effect: each PC's sheet once a passkey made on that very
//   PC is in the sign-in request, as the predictor sees it.

const SYNCED_TRANSPORTS = ['hybrid', 'internal'];
const WINDOWS_HELLO_AAGUID = '08987058-cadc-4b81-b6e1-30de50dcbe96';
const ICLOUD_KEYCHAIN_AAGUID = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const NEW_PASSKEY_ID = 'passkey-on-this-pc';

const sheetOf = (
  credentials: StoredCredential[],
  device: Device,
  locale: 'ja' | 'en',
  site: string,
  here?: ReadonlySet<string>,
): Sheet => {
  const { screen } = predictDialog(inputFor(credentials, device, locale, site, here), site);
  return { kind: screen.kind, options: screen.options };
};
function sheets(credentials: StoredCredential[], locale: 'ja' | 'en', site: string): Map<string, Sheet> {
  return new Map(DEVICES.map((device) => [device.id, sheetOf(credentials, device, locale, site)]));
}
const same = (a: Sheet, b: Sheet) => a.kind === b.kind && a.options.join('\n') === b.options.join('\n');

/**
 * The passkey a PC makes for itself: Windows Hello's (device-bound; only where Windows Hello is set up, since Windows
 * needs it to make one), or iCloud Keychain's on a Mac (synced). Phones are not PCs: null.
 */
function passkeyMadeOn(device: Device, now = 0): StoredCredential | null {
  const { os } = device.client;
  if (os !== 'windows' && os !== 'macos') return null;
  if (os === 'windows' && device.client.platformAuthenticator !== true) return null;
  const windows = os === 'windows';
  return {
    id: NEW_PASSKEY_ID,
    accountId: 0,
    publicKey: new Uint8Array(),
    counter: 0,
    transports: windows ? ['internal'] : ['hybrid', 'internal'],
    deviceType: windows ? 'singleDevice' : 'multiDevice',
    backedUp: !windows,
    aaguid: windows ? WINDOWS_HELLO_AAGUID : ICLOUD_KEYCHAIN_AAGUID,
    attestationFormat: 'none',
    attachment: 'platform',
    credPropsRk: true,
    label: null,
    registeredClient: null,
    flaggedClone: false,
    createdAt: now,
    lastUsedAt: null,
  };
}

function storeTransportsFixes(
  credentials: StoredCredential[],
  before: Map<string, Sheet>,
  locale: 'ja' | 'en',
  site: string,
): Fix[] {
  return credentials.flatMap((credential) => {
    const health = credentialHealth(credential);
    const home = likelyHome(credential, describeProvider(credential.aaguid).kind);
    const fixable =
      credential.backedUp && (home === 'phone-google' || home === 'apple-devices' || home === 'password-manager');
    if (
      !fixable ||
      !health.some(
        (finding) =>
          finding === 'transports-missing' || finding === 'internal-only' || finding === 'no-hybrid-on-synced-passkey',
      )
    )
      return [];
    const changed = credentials.map((other) =>
      other.id === credential.id ? { ...other, transports: SYNCED_TRANSPORTS } : other,
    );
    const after = sheets(changed, locale, site);
    return [
      {
        id: `store-transports:${credential.id}`,
        kind: 'store-transports' as const,
        credentialId: credential.id,
        label: credential.label,
        transports: SYNCED_TRANSPORTS,
        effect: DEVICES.filter((device) => !same(before.get(device.id)!, after.get(device.id)!)).map((device) => ({
          device: device.id,
          before: before.get(device.id)!,
          after: after.get(device.id)!,
        })),
      },
    ];
  });
}

/** Each PC's sheet with a passkey made on that PC added to the account; PCs that cannot make one keep theirs. */
function addPasskeyHereFix(
  credentials: StoredCredential[],
  before: Map<string, Sheet>,
  locale: 'ja' | 'en',
  site: string,
): Fix {
  const here = new Set([NEW_PASSKEY_ID]);
  const effect = DEVICES.flatMap((device) => {
    const made = passkeyMadeOn(device);
    if (!made) return [];
    const after = sheetOf([...credentials, made], device, locale, site, here);
    return same(before.get(device.id)!, after) ? [] : [{ device: device.id, before: before.get(device.id)!, after }];
  });
  return { id: 'add-passkey-here', kind: 'add-passkey-here', label: null, effect };
}

/** `asked`: support already asked this customer to add a passkey on their PC (the ask waits for the next sign-in). */
export function proposeFixes(credentials: StoredCredential[], locale: 'ja' | 'en', site: string, asked = false): Fix[] {
  const before = sheets(credentials, locale, site);
  return [
    ...storeTransportsFixes(credentials, before, locale, site),
    ...(asked ? [] : [addPasskeyHereFix(credentials, before, locale, site)]),
  ];
}
