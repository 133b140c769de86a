import type { StoredCredential } from '../../db/credentials.js';
import { describeProvider, ZERO_AAGUID } from '../passkey-providers.js';

export type HealthFinding =
  'transports-missing' | 'internal-only' | 'no-hybrid-on-synced-passkey' | 'unnamed-provider' | 'flagged-clone';

/**
 * Flags stored credentials likely to send a PC user to the "insert your security key" dialog or to
 * "No passkeys available" (research: dialogs.md §0 point 4 and §6; Bitwarden's internal-only transports).
 */
export function credentialHealth(credential: StoredCredential): HealthFinding[] {
  const findings: HealthFinding[] = [];
  const transports = credential.transports ?? [];
  if (credential.transports === null || transports.length === 0) findings.push('transports-missing');
  else if (transports.length === 1 && transports[0] === 'internal') findings.push('internal-only');
  if (
    credential.backedUp &&
    transports.length > 0 &&
    !transports.includes('hybrid') &&
    credential.attachment !== 'cross-platform'
  ) {
    findings.push('no-hybrid-on-synced-passkey');
  }
  if (credential.aaguid === ZERO_AAGUID) findings.push('unnamed-provider');
  if (credential.flaggedClone) findings.push('flagged-clone');
  return findings;
}

export function presentCredential(credential: StoredCredential) {
  const provider = describeProvider(credential.aaguid);
  return {
    id: credential.id,
    label: credential.label,
    transports: credential.transports,
    deviceType: credential.deviceType,
    synced: credential.deviceType === 'multiDevice',
    backedUp: credential.backedUp,
    aaguid: credential.aaguid,
    provider: provider.name,
    providerKind: provider.kind,
    attachment: credential.attachment,
    attestationFormat: credential.attestationFormat,
    credPropsRk: credential.credPropsRk,
    counter: credential.counter,
    flaggedClone: credential.flaggedClone,
    createdAt: credential.createdAt,
    lastUsedAt: credential.lastUsedAt,
    registeredClient: credential.registeredClient,
    health: credentialHealth(credential),
  };
}
