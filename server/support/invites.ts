import { createHash, randomBytes } from 'node:crypto';
import type { Repositories } from '../../db/index.js';

/** Enrollment links last a day and work once (issue 12 point 1). */
export const INVITE_TTL_MS = 24 * 60 * 60 * 1000;

/** 256 random bits: a plain SHA-256 is enough to keep stolen rows useless (no dictionary to try). */
export const hashInviteToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface Invite {
  link: string;
  expiresAt: number;
}

/**
 * A new enrollment link. The token rides in the URL fragment, which browsers never send to the server, so it does
 * not end up in access logs or Referer headers; the page posts it once.
 */
export function createInvite(
  repos: Repositories,
  publicOrigin: string,
  createdBy: number | null,
  now = Date.now(),
): Invite {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + INVITE_TTL_MS;
  repos.transaction(() => repos.staff.createInvite(hashInviteToken(token), createdBy, expiresAt, now));
  return { link: `${publicOrigin}/staff/enroll#${token}`, expiresAt };
}

/**
 * At start-up, while there is no current staff member (nobody enrolled yet, or everyone was removed): a fresh link for
 * a first one (printed on the console).
 */
export function firstStartInvite(repos: Repositories, publicOrigin: string, now = Date.now()): Invite | null {
  if (repos.staff.count() > 0) return null;
  return createInvite(repos, publicOrigin, null, now);
}
