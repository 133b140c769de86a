import { cose, decodeCredentialPublicKey, isoBase64URL } from '@simplewebauthn/server/helpers';
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { MAX_CREDENTIAL_ID_BYTES } from '../http-schemas.js';

/** RSA moduli shorter than this are refused (Windows Hello's RS256 keys are 2048 bits). */
const MIN_RSA_MODULUS_BITS = 2048;

const b64 = (bytes: unknown) => (bytes instanceof Uint8Array ? Buffer.from(bytes).toString('base64url') : '');
type CoseBytes = Parameters<typeof decodeCredentialPublicKey>[0];

/** The COSE key as a JWK node:crypto can import, for the algorithms the lab asks for (ES256, EdDSA, RS256). */
function toJwk(publicKey: CoseBytes): JsonWebKey | string {
  let key: Map<number, unknown>;
  try {
    key = decodeCredentialPublicKey(publicKey) as unknown as Map<number, unknown>;
  } catch {
    return 'the public key is not a COSE key';
  }
  const kty = key.get(cose.COSEKEYS.kty);
  const alg = key.get(cose.COSEKEYS.alg);
  if (alg === cose.COSEALG.ES256 && kty === cose.COSEKTY.EC2 && key.get(cose.COSEKEYS.crv) === cose.COSECRV.P256)
    return { kty: 'EC', crv: 'P-256', x: b64(key.get(cose.COSEKEYS.x)), y: b64(key.get(cose.COSEKEYS.y)) };
  if (alg === cose.COSEALG.EdDSA && kty === cose.COSEKTY.OKP && key.get(cose.COSEKEYS.crv) === cose.COSECRV.ED25519)
    return { kty: 'OKP', crv: 'Ed25519', x: b64(key.get(cose.COSEKEYS.x)) };
  if (alg === cose.COSEALG.RS256 && kty === cose.COSEKTY.RSA) {
    const modulus = key.get(cose.COSEKEYS.n);
    if (!(modulus instanceof Uint8Array) || modulus.length * 8 < MIN_RSA_MODULUS_BITS)
      return 'the RSA key is too short';
    return { kty: 'RSA', n: b64(modulus), e: b64(key.get(cose.COSEKEYS.e)) };
  }
  return `the key type ${String(kty)} does not fit algorithm ${String(alg)}`;
}

/**
 * Why a newly registered passkey could never sign in, or undefined if it can. SimpleWebAuthn does not look at the
 * public key of a "none" attestation, and an unusable one would be a passkey that counts as a way in (the last one
 * may not be deleted) but never works. A key node:crypto cannot import (an EC point off the curve) is refused too.
 */
export function unusablePasskeyReason(credentialId: string, publicKey: CoseBytes): string | undefined {
  const idBytes = isoBase64URL.isBase64URL(credentialId) ? isoBase64URL.toBuffer(credentialId).length : 0;
  if (idBytes === 0) return 'the credential ID is empty';
  if (idBytes > MAX_CREDENTIAL_ID_BYTES) return `the credential ID is longer than ${MAX_CREDENTIAL_ID_BYTES} bytes`;
  const jwk = toJwk(publicKey);
  if (typeof jwk === 'string') return jwk;
  try {
    createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return 'the public key is not a valid key';
  }
  return undefined;
}
