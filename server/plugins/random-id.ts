import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/**
 * `bytes` random bytes from the CSPRNG as base64url, for ids minted on every request (session ids, browser bindings).
 * The bytes come from a buffer refilled 4 KB at a time and each byte is used once, so an id is as unguessable as
 * `randomBytes(bytes)`; what it saves is a call into OpenSSL and a new Buffer (garbage) per id. node:crypto's own
 * randomUUID() keeps a cache the same way.
 */
/** Where the next `bytes` unused bytes of the pool start (refilling it first when they do not fit). */
function take(bytes: number): number {
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const start = used;
  used += bytes;
  return start;
}

export function randomId(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > POOL_BYTES) {
    throw new RangeError(`randomId: a whole number of bytes from 1 to ${POOL_BYTES}`);
  }
  const start = take(bytes);
  return pool.toString('base64url', start, start + bytes);
}

/** The most bytes fillRandom serves from the pool; larger requests are refused (callers go to the CSPRNG). */
export const POOLED_FILL_MAX = 256;

/**
 * Fills `target` with random bytes from the same pool (each byte used once), like crypto.getRandomValues does for a
 * Uint8Array: for the challenges SimpleWebAuthn makes on every options request (webauthn/webcrypto.ts).
 */
export function fillRandom(target: Uint8Array): Uint8Array {
  if (target.byteLength > POOLED_FILL_MAX) throw new RangeError(`fillRandom: at most ${POOLED_FILL_MAX} bytes`);
  const start = take(target.byteLength);
  pool.copy(target, 0, start, start + target.byteLength);
  return target;
}
