import { createHash } from 'node:crypto';

/**
 * What the database keeps of a value that is a browser's cookie (a session id, a ceremony binding): its SHA-256. A
 * copy of the database file (a backup) then holds no value that signs anyone in or acts as their browser in a
 * ceremony or a recovery; the cookie's 144 random bits make the digest impossible to reverse. See docs/security.md,
 * "Sessions"; tests/api/cookie-values-at-rest.test.ts looks through every table.
 */
export function cookieDigest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
