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
export function randomId(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > POOL_BYTES) {
    throw new RangeError(`randomId: a whole number of bytes from 1 to ${POOL_BYTES}`);
  }
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const id = pool.toString('base64url', used, used + bytes);
  used += bytes;
  return id;
}
