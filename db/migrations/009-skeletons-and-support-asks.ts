import type { Db } from '../database.js';
import { canonicaliseStoredUsernames } from './005-canonical-usernames.js';

/**
 * Data step of migration 009, inside its transaction: every stored skeleton is recomputed with the lower-cased
 * skeleton. It is 005's step run again (names are canonical already, so only skeletons change): where two accounts now
 * read the same, the older keeps its name and the younger becomes `renamed-<id>`, with a `look-alike` row in
 * username_collisions; passkeys, links and history stay. Returns how many accounts were renamed.
 */
export function recomputeUsernameSkeletons(db: Db, now = Date.now()): number {
  return canonicaliseStoredUsernames(db, now);
}
