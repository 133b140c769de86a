import { createHmac, hkdfSync } from 'node:crypto';
import { utcDay, type AttemptKey } from '../../db/stranger-attempts.js';

/**
 * The key source addresses are hashed under: derived from the stored fakeCredentialKey with HKDF and a label of its
 * own, so each use has its own key and secrets.json needs no new entry. Until session 7 the hashes were keyed with
 * fakeCredentialKey itself: stored hashes change once at that upgrade (docs/security.md, "Attempts by someone…").
 */
export const sourceHashKey = (fakeCredentialKey: string) =>
  Buffer.from(hkdfSync('sha256', fakeCredentialKey, '', 'passkey-dialog-lab source-address hash', 32)).toString(
    'base64url',
  );

/** A keyed hash of the source address: enough to cap one source, useless for finding out who it was. */
export const sourceOf = (ip: string, key: string) =>
  createHmac('sha256', key).update(`attempt-source:${ip}`).digest('base64url').slice(0, 16);

/**
 * An attempt on an account by a browser that is not signed in to it (typed the name on the login page, reported a
 * failed login). Such attempts are only counted (db/stranger-attempts.ts), never written into the owner's history:
 * whoever can type a name must not be able to write into, or flush, that account's history.
 */
export function strangerAttempt(
  accountId: number | undefined,
  signedInAs: number | undefined,
  /** The request's address and the hash key (sourceHashKey): hashed here only for a stranger's attempt. */
  from: { ip: string; key: string },
  now: number,
): AttemptKey | undefined {
  if (accountId === undefined || signedInAs === accountId) return undefined;
  return { accountId, day: utcDay(now), source: sourceOf(from.ip, from.key) };
}
