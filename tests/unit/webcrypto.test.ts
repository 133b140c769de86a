import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { labWebCrypto, useLabWebCryptoInSimpleWebAuthn } from '../../server/webauthn/webcrypto.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// server/webauthn/webcrypto.ts: the WebCrypto SimpleWebAuthn uses in the lab must answer exactly as the process's
// own does, while importing each public key once.

const real = globalThis.crypto;
const lab = labWebCrypto(real);

async function ecdsaCase(namedCurve: 'P-256' | 'P-384' | 'P-521', hash: string) {
  const pair = (await real.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = await real.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: false };
  const data = randomBytes(100);
  const signature = new Uint8Array(await real.subtle.sign({ name: 'ECDSA', hash }, pair.privateKey, data));
  return {
    publicJwk,
    data,
    signature,
    algorithm: { name: 'ECDSA', namedCurve },
    verifyWith: { name: 'ECDSA', hash: { name: hash } },
  };
}

describe('the lab WebCrypto for SimpleWebAuthn', () => {
  it('digests SHA-1/256/384/512 to the same bytes as WebCrypto', async () => {
    const data = randomBytes(333);
    for (const name of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) {
      expect(new Uint8Array(await lab.subtle.digest(name, data))).toEqual(
        new Uint8Array(await real.subtle.digest(name, data)),
      );
    }
  });

  it('verifies ECDSA as WebCrypto does: good signature, changed data, changed or malformed signature, another key', async () => {
    for (const [curve, hash] of [
      ['P-256', 'SHA-256'],
      ['P-384', 'SHA-384'],
      ['P-521', 'SHA-512'],
    ] as const) {
      const c = await ecdsaCase(curve, hash);
      const other = await ecdsaCase(curve, hash);
      const labKey = await lab.subtle.importKey('jwk', c.publicJwk, c.algorithm, false, ['verify']);
      const realKey = await real.subtle.importKey('jwk', c.publicJwk, c.algorithm, false, ['verify']);
      const otherKey = await lab.subtle.importKey('jwk', other.publicJwk, other.algorithm, false, ['verify']);
      const flipped = Uint8Array.from(c.signature);
      flipped[5]! ^= 1;
      const cases: [CryptoKey, CryptoKey, BufferSource, BufferSource][] = [
        [labKey, realKey, c.signature, c.data],
        [labKey, realKey, c.signature, Buffer.concat([c.data, Buffer.from([0])])],
        [labKey, realKey, flipped, c.data],
        [labKey, realKey, c.signature.subarray(1), c.data],
        [
          otherKey,
          await real.subtle.importKey('jwk', other.publicJwk, other.algorithm, false, ['verify']),
          c.signature,
          c.data,
        ],
      ];
      const answers = [];
      for (const [labK, realK, signature, data] of cases) {
        const expected = await real.subtle.verify(c.verifyWith, realK, signature, data);
        expect(await lab.subtle.verify(c.verifyWith, labK, signature, data)).toBe(expected);
        answers.push(expected);
      }
      expect(answers).toEqual([true, false, false, false, false]);
    }
  });

  it('imports a public key once and hands out the same CryptoKey; a bad key is refused every time', async () => {
    const c = await ecdsaCase('P-256', 'SHA-256');
    const first = await lab.subtle.importKey('jwk', { ...c.publicJwk }, c.algorithm, false, ['verify']);
    expect(await lab.subtle.importKey('jwk', { ...c.publicJwk }, c.algorithm, false, ['verify'])).toBe(first);
    const other = await ecdsaCase('P-256', 'SHA-256');
    expect(await lab.subtle.importKey('jwk', other.publicJwk, other.algorithm, false, ['verify'])).not.toBe(first);
    const offCurve = { ...c.publicJwk, y: c.publicJwk.x };
    await expect(lab.subtle.importKey('jwk', offCurve, c.algorithm, false, ['verify'])).rejects.toThrow();
    await expect(lab.subtle.importKey('jwk', offCurve, c.algorithm, false, ['verify'])).rejects.toThrow();
  });

  it('fills small byte arrays (challenges) from the pooled CSPRNG, and leaves every other array to WebCrypto', () => {
    const calls: ArrayBufferView[] = [];
    const counted = {
      subtle: real.subtle,
      getRandomValues: <T extends ArrayBufferView>(array: T) => (calls.push(array), real.getRandomValues(array)),
      randomUUID: () => real.randomUUID(),
    } as Crypto;
    const pooled = labWebCrypto(counted);
    const challenges = Array.from({ length: 500 }, () => pooled.getRandomValues(new Uint8Array(32)));
    expect(calls).toHaveLength(0);
    expect(new Set(challenges.map((bytes) => Buffer.from(bytes).toString('hex'))).size).toBe(500);
    const target = new Uint8Array(32);
    expect(pooled.getRandomValues(target)).toBe(target);
    // Other typed arrays, and sizes past the pool's limit, get WebCrypto's own answer (and its errors).
    const words = pooled.getRandomValues(new Uint32Array(4));
    expect(calls).toEqual([words]);
    expect(() => pooled.getRandomValues(new Float32Array(4) as never)).toThrow(
      expect.objectContaining({ name: 'TypeMismatchError' }),
    );
    expect(() => pooled.getRandomValues(new Uint8Array(65537))).toThrow(
      expect.objectContaining({ name: 'QuotaExceededError' }),
    );
  });

  it('leaves every other method to WebCrypto', async () => {
    const key = await lab.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
    const mac = await lab.subtle.sign('HMAC', key, Buffer.from('data'));
    expect(await real.subtle.verify('HMAC', key, mac, Buffer.from('data'))).toBe(true);
  });

  it('leaves RSA to WebCrypto', async () => {
    const algorithm = {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    };
    const pair = (await real.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
    const data = randomBytes(50);
    const signature = await real.subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, data);
    const jwk = await real.subtle.exportKey('jwk', pair.publicKey);
    const key = await lab.subtle.importKey(
      'jwk',
      { kty: jwk.kty, n: jwk.n, e: jwk.e, alg: jwk.alg, ext: false },
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    expect(await lab.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, data)).toBe(true);
    expect(await lab.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, randomBytes(50))).toBe(false);
  });

  it('is what SimpleWebAuthn verifies with once installed: one key import for two logins, globalThis.crypto untouched', async () => {
    useLabWebCryptoInSimpleWebAuthn();
    expect(globalThis.crypto).toBe(real);
    const importKey = vi.spyOn(real.subtle, 'importKey');
    const origin = 'http://localhost:3000';
    const authenticator = new SoftAuthenticator({ origin });
    const registration = authenticator.createCredential({
      rp: { id: 'localhost', name: 'test' },
      user: { id: 'dXNlcg', name: 'u', displayName: 'u' },
      challenge: 'cmVnaXN0cmF0aW9u',
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    } as never);
    const credential = {
      id: registration.id,
      publicKey: new Uint8Array(authenticator.credentials[0]!.publicKeyCose),
      counter: 0,
    };
    for (const challenge of ['Zmlyc3Q', 'c2Vjb25k']) {
      const response = authenticator.getAssertion({
        challenge,
        rpId: 'localhost',
        allowCredentials: [{ id: registration.id, type: 'public-key' }],
      } as never);
      const result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: 'localhost',
        credential,
        requireUserVerification: false,
      });
      expect(result.verified).toBe(true);
      // Signed over another challenge's client data: the signature does not match this response.
      const elsewhere = authenticator.getAssertion({ challenge: 'b3RoZXI', rpId: 'localhost' } as never);
      const forged = { ...response, response: { ...response.response, signature: elsewhere.response.signature } };
      await expect(
        verifyAuthenticationResponse({
          response: forged,
          expectedChallenge: challenge,
          expectedOrigin: origin,
          expectedRPID: 'localhost',
          credential,
          requireUserVerification: false,
        }),
      ).resolves.toMatchObject({ verified: false });
    }
    expect(importKey).toHaveBeenCalledTimes(1);
    importKey.mockRestore();
  });
});
