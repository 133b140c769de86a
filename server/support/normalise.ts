/**
 * The username as sign-in finds it. TODO(sec-identity): use canonicalUsername (server/account/username.ts on that
 * branch: NFKC, trim, case-fold) once it is in main; until then sign-in looks names up exactly as typed, trimmed.
 */
export function normaliseForLookup(raw: string): string {
  return raw.trim();
}
