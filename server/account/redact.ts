import type { CeremonyEntry } from '../../db/ceremonies.js';

// Support bundles leave the building: strip what could replay or identify (signatures, challenges,
// attestation objects, user handles), keep what explains a dialog (transports, hints, outcome, client).
const SECRET_KEYS = new Set(['signature', 'attestationObject', 'authenticatorData', 'clientDataJSON', 'userHandle', 'challenge', 'publicKey', 'user']);

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, SECRET_KEYS.has(key) ? '[redacted]' : redact(inner)]),
    );
  }
  return value;
}

export function redactCeremony(entry: CeremonyEntry) {
  return { ...entry, options: redact(entry.options), response: redact(entry.response) };
}
