/**
 * The lab's two id cookies — the session (`lab_session`) and the ceremony binding (`lab_ceremony`) — carry a random id
 * and no signature. A signature would add nothing to the ids' 144 random bits, and a stolen database copy is what it
 * used to guard against: the database now keeps only each id's digest (db/cookie-digest.ts), while the signing key
 * lies in the same data folder. A value that is not an id of the lab's own shape is treated as no cookie.
 */
const SESSION_ID = /^[0-9a-z]{9}[A-Za-z0-9_-]{24}$/;
const BINDING_ID = /^[A-Za-z0-9_-]{24}$/;

export const isSessionId = (value: string): boolean => SESSION_ID.test(value);
export const isBindingId = (value: string): boolean => BINDING_ID.test(value);

/**
 * @fastify/session's documented custom signer (its `secret` option as `{ sign, unsign }`): the cookie is the id, and
 * anything else — a malformed value, a signed cookie from before this design — starts a new session.
 */
export const unsignedSessionIds = {
  sign: (id: string): string => id,
  unsign: (value: string) =>
    isSessionId(value)
      ? { valid: true as const, renew: false, value }
      : { valid: false as const, renew: false, value: null },
};
