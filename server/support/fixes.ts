import type { StoredCredential } from '../../db/credentials.js';
import { credentialHealth } from '../account/health.js';
import { describeProvider } from '../passkey-providers.js';
import { likelyHome } from './lookup.js';
import { predictDialog } from '../dialogs/predict.js';
import { DEVICES, inputFor } from './matrix.js';

/**
 * What staff may change for a customer (issue 12 point 4), with its effect on the device matrix shown before anyone
 * applies it. Pure: the account's passkeys in, proposals out; applying is the route's job (and is audited).
 *
 * Today's one fix: a synced passkey stored without the ways it can be reached (or as "inside the device" only) gets
 * ['hybrid', 'internal'], what Google Password Manager and iCloud Keychain report for new passkeys. Sent back in the
 * sign-in request, it lets a PC offer the phone instead of a USB key. Device-bound passkeys are left alone: for them
 * the stored answer may be right, and a wrong one would hide the security key or the PC.
 */
export interface Fix {
  id: string;
  kind: 'store-transports';
  credentialId: string;
  label: string | null;
  transports: string[];
  /** The cells whose sheet changes (its kind or the choices it lists): before and after, by device. */
  effect: { device: string; before: Sheet; after: Sheet }[];
}

const SYNCED_TRANSPORTS = ['hybrid', 'internal'];

export interface Sheet {
  kind: string;
  options: string[];
}

function sheets(credentials: StoredCredential[], locale: 'ja' | 'en', site: string): Map<string, Sheet> {
  return new Map(
    DEVICES.map((device) => {
      const { screen } = predictDialog(inputFor(credentials, device, locale, site), site);
      return [device.id, { kind: screen.kind, options: screen.options }];
    }),
  );
}
const same = (a: Sheet, b: Sheet) => a.kind === b.kind && a.options.join('\n') === b.options.join('\n');

export function proposeFixes(credentials: StoredCredential[], locale: 'ja' | 'en', site: string): Fix[] {
  const before = sheets(credentials, locale, site);
  return credentials.flatMap((credential) => {
    const health = credentialHealth(credential);
    const home = likelyHome(credential, describeProvider(credential.aaguid).kind);
    const fixable = credential.backedUp && (home === 'phone-google' || home === 'apple-devices' || home === 'password-manager');
    if (!fixable || !health.some((finding) => finding === 'transports-missing' || finding === 'internal-only' || finding === 'no-hybrid-on-synced-passkey')) return [];
    const changed = credentials.map((other) => (other.id === credential.id ? { ...other, transports: SYNCED_TRANSPORTS } : other));
    const after = sheets(changed, locale, site);
    return [{
      id: `store-transports:${credential.id}`,
      kind: 'store-transports' as const,
      credentialId: credential.id,
      label: credential.label,
      transports: SYNCED_TRANSPORTS,
      effect: DEVICES.filter((device) => !same(before.get(device.id)!, after.get(device.id)!)).map((device) => ({ device: device.id, before: before.get(device.id)!, after: after.get(device.id)! })),
    }];
  });
}
