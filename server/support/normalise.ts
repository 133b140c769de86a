import { requireCanonicalUsername } from '../plugins/username.js';

/** The username as sign-in finds it (canonical form: NFKC, trimmed, case-folded), or a 400 saying what to change. */
export function normaliseForLookup(raw: string): string {
  return requireCanonicalUsername(raw);
}
