import { isoCrypto } from '@simplewebauthn/server/helpers';
import { createHash, KeyObject, verify as nodeVerify } from 'node:crypto';
import { fillRandom, POOLED_FILL_MAX } from '../plugins/random-id.js';

/**
 * The WebCrypto that SimpleWebAuthn uses in the lab: the process's own, with four things done differently.
 * - Imported public keys are cached. The library turns the stored COSE key into a JWK and imports it on every verify,
 *   and Node checks the whole EC point on each import; a CryptoKey is immutable, so one per distinct key (same JWK,
 *   algorithm, usages) gives the same answers.
 * - SHA digests and ECDSA verification run on the calling thread (node:crypto, the same OpenSSL calls). WebCrypto
 *   queues each on libuv's thread pool, and with the server on one core every hand-over is a thread switch.
 * - Random bytes for a Uint8Array of up to 256 bytes (every challenge) come from the lab's pooled CSPRNG buffer
 *   (plugins/random-id.ts: each byte used once) instead of one call into OpenSSL each.
 * - Everything else (RSA, Ed25519, other random values) is the process's WebCrypto unchanged.
 */

type Subtle = Crypto['subtle'];
const MAX_CACHED_KEYS = 10_000;

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function bytesOf(data: BufferSource): Uint8Array {
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

const algorithmName = (algorithm: AlgorithmIdentifier | { name: string }) =>
  typeof algorithm === 'string' ? algorithm : algorithm.name;
/** WebCrypto's 'SHA-256' → node:crypto's 'sha256'; undefined for anything else. */
const shaName = (name: string) =>
  /^SHA-(1|256|384|512)$/i.test(name) ? name.replace('-', '').toLowerCase() : undefined;

export function labWebCrypto(real: Crypto = globalThis.crypto): Crypto {
  const subtle: Subtle = real.subtle;
  const keys = new Map<string, Promise<CryptoKey>>();
  const keyObjects = new WeakMap<CryptoKey, KeyObject>();

  const importKey = ((
    format: KeyFormat,
    keyData: JsonWebKey | BufferSource,
    algorithm: AlgorithmIdentifier,
    extractable: boolean,
    usages: KeyUsage[],
  ) => {
    if (format !== 'jwk' || extractable)
      return subtle.importKey(format as 'raw', keyData as BufferSource, algorithm, extractable, usages);
    const id = JSON.stringify([keyData, algorithm, usages]);
    let key = keys.get(id);
    if (!key) {
      key = subtle.importKey('jwk', keyData as JsonWebKey, algorithm, false, usages);
      // An import that fails is not remembered (the next call fails the same way, with the same error).
      key.catch(() => keys.delete(id));
      if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value!);
      keys.set(id, key);
    }
    return key;
  }) as Subtle['importKey'];

  const digest: Subtle['digest'] = (algorithm, data) => {
    const name = shaName(algorithmName(algorithm));
    if (!name) return subtle.digest(algorithm, data);
    return Promise.resolve(toArrayBuffer(createHash(name).update(bytesOf(data)).digest()));
  };

  const verify: Subtle['verify'] = (algorithm, key, signature, data) => {
    const hash =
      typeof algorithm === 'object' && 'hash' in algorithm
        ? shaName(algorithmName(algorithm.hash as AlgorithmIdentifier))
        : undefined;
    if (
      algorithmName(algorithm) !== 'ECDSA' ||
      key.algorithm.name !== 'ECDSA' ||
      key.type !== 'public' ||
      !key.usages.includes('verify') ||
      !hash
    ) {
      return subtle.verify(algorithm, key, signature, data);
    }
    let keyObject = keyObjects.get(key);
    if (!keyObject) {
      keyObject = KeyObject.from(key);
      keyObjects.set(key, keyObject);
    }
    try {
      // WebCrypto's ECDSA signature is r‖s (IEEE P1363); a malformed one is a failed verification, not an error.
      return Promise.resolve(
        nodeVerify(hash, bytesOf(data), { key: keyObject, dsaEncoding: 'ieee-p1363' }, bytesOf(signature)),
      );
    } catch {
      return Promise.resolve(false);
    }
  };

  // Every other SubtleCrypto method is the process's own, bound to it (Node refuses any other `this`).
  const own = Object.getOwnPropertyNames(Object.getPrototypeOf(subtle)).filter((name) => name !== 'constructor');
  const methods = own.map((name) => [
    name,
    (subtle[name as keyof Subtle] as (...args: unknown[]) => unknown).bind(subtle),
  ]);
  const lab = { ...Object.fromEntries(methods), importKey, digest, verify } as Subtle;
  const getRandomValues: Crypto['getRandomValues'] = (array) => {
    if (array instanceof Uint8Array && array.byteLength <= POOLED_FILL_MAX) fillRandom(array);
    else real.getRandomValues(array);
    return array;
  };
  return { subtle: lab, getRandomValues, randomUUID: real.randomUUID.bind(real) } as Crypto;
}

let installed = false;

/**
 * Hands labWebCrypto() to SimpleWebAuthn. The library has no option for it: it takes globalThis.crypto at its first
 * use and keeps it (helpers/iso/isoCrypto/getWebCrypto.js). So globalThis.crypto is the lab's for the one synchronous
 * call that makes the library look it up, and the process's own again right after; nothing else sees it. If the
 * library was used before this, it keeps the process's WebCrypto, which gives the same answers.
 */
export function useLabWebCryptoInSimpleWebAuthn(): void {
  if (installed) return;
  installed = true;
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
  const lab = labWebCrypto(globalThis.crypto);
  Object.defineProperty(globalThis, 'crypto', { value: lab, configurable: true, enumerable: true, writable: true });
  try {
    // getWebCrypto() runs its lookup synchronously inside this call.
    isoCrypto.getRandomValues(new Uint8Array(1)).catch(() => undefined);
  } finally {
    Object.defineProperty(globalThis, 'crypto', descriptor);
  }
}
