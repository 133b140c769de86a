import { UAParser } from 'ua-parser-js';
import type { CeremonyEntry } from '../../db/ceremonies.js';

// Support bundles leave the building: strip what could replay or identify (signatures, challenges,
// attestation objects, user handles), keep what explains a dialog (transports, hints, outcome, client).
// `userId` is the user handle under the Signal API's name (a signal report's `sent`).
const SECRET_KEYS = new Set([
  'signature',
  'attestationObject',
  'authenticatorData',
  'clientDataJSON',
  'userHandle',
  'userId',
  'challenge',
  'publicKey',
  'user',
]);

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        // A deleted passkey's record keeps the client it was registered with: reduced like every other client.
        SECRET_KEYS.has(key) ? '[redacted]' : key === 'registeredClient' ? reduceClient(inner) : redact(inner),
      ]),
    );
  }
  return value;
}

const major = (version: unknown) => (typeof version === 'string' ? (/^\d+/.exec(version)?.[0] ?? null) : null);
// Words a browser or OS sends about itself; anything else in these fields is someone's free text and is dropped.
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9 ._();-]{0,39}$/;

/** "Chrome 150 / Windows 10": browser and OS family with their major versions, nothing that tells one PC from another. */
function reducedUserAgent(userAgent: string): string {
  const { browser, os } = UAParser(userAgent);
  const part = (name: string | undefined, version: string | undefined) =>
    name ? [name, major(version)].filter(Boolean).join(' ') : null;
  return [part(browser.name, browser.version), part(os.name, os.version)].filter(Boolean).join(' / ') || 'unknown';
}

/**
 * The page's ClientInfo as it may be kept for someone else to read (a support bundle, a log row about an account by
 * a browser not signed in to it): the user agent reduced to families and major versions, versions to majors, and
 * free-form strings dropped unless they read like a platform or brand name.
 */
export function reduceClient(client: unknown): unknown {
  if (!client || typeof client !== 'object' || Array.isArray(client)) return client ?? null;
  const info = client as Record<string, unknown>;
  const reduced: Record<string, unknown> = {};
  if (typeof info.userAgent === 'string') reduced.userAgent = reducedUserAgent(info.userAgent);
  if (typeof info.platform === 'string' && PLAIN.test(info.platform)) reduced.platform = info.platform;
  if (info.platformVersion !== undefined) reduced.platformVersion = major(info.platformVersion);
  for (const key of ['mobile', 'uvpaa', 'conditionalMediation'] as const)
    if (typeof info[key] === 'boolean') reduced[key] = info[key];
  if (Array.isArray(info.brands)) {
    reduced.brands = (info.brands as { brand?: unknown; version?: unknown }[])
      .filter((entry) => typeof entry?.brand === 'string' && PLAIN.test(entry.brand))
      .map((entry) => ({ brand: entry.brand, version: major(entry.version) }));
  }
  if (info.capabilities && typeof info.capabilities === 'object') {
    reduced.capabilities = Object.fromEntries(
      Object.entries(info.capabilities).filter(
        ([key, value]) => /^[A-Za-z0-9]{1,64}$/.test(key) && typeof value === 'boolean',
      ),
    );
  }
  if (info.declared && typeof info.declared === 'object') {
    const declared = info.declared as { bluetooth?: unknown; osVersion?: unknown };
    reduced.declared = {
      ...(typeof declared.bluetooth === 'string' ? { bluetooth: declared.bluetooth } : {}),
      ...(typeof declared.osVersion === 'string' && /^[0-9A-Za-z.-]{1,16}$/.test(declared.osVersion)
        ? { osVersion: declared.osVersion }
        : {}),
    };
  }
  return reduced;
}

/** A history entry as a support bundle carries it: no secrets, no full user agent. */
export function redactCeremony(entry: CeremonyEntry) {
  return {
    ...entry,
    options: redact(entry.options),
    response: redact(entry.response),
    client: reduceClient(entry.client),
    detail: redact(entry.detail),
  };
}
