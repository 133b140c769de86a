import { isoCBOR } from '@simplewebauthn/server/helpers';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A software authenticator with real keys and signatures (ES256 unless told otherwise; EdDSA and RS256 as some
 * providers and Windows Hello use), "none" attestation, and knobs for the hostile cases (wrong origin, missing UV,
 * counter regression, backup flags). No browser needed.
 */

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicKeyCose: Uint8Array;
  userHandle: string;
  rpId: string;
  counter: number;
}

export interface SoftAuthenticatorOptions {
  origin: string;
  transports?: string[];
  attachment?: 'platform' | 'cross-platform';
  backupEligible?: boolean;
  backedUp?: boolean;
  userVerified?: boolean;
  aaguid?: string;
  /** Start counters here; 0 behaves like synced passkeys (which never count). */
  initialCounter?: number;
  /** Credential ID length in bytes (16 by default, like Google Password Manager; iCloud 20, Windows Hello 32, keys 48+). */
  idLength?: number;
  /** COSE algorithm of new credentials: -7 ES256 (default), -8 EdDSA (Ed25519), -257 RS256. */
  algorithm?: -7 | -8 | -257;
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');

function flagsByte(opts: { up: boolean; uv: boolean; be: boolean; bs: boolean; at: boolean }) {
  return (
    (opts.up ? 0x01 : 0) | (opts.uv ? 0x04 : 0) | (opts.be ? 0x08 : 0) | (opts.bs ? 0x10 : 0) | (opts.at ? 0x40 : 0)
  );
}

/** A new key pair and its public key as COSE (RFC 9053), for the algorithm asked. */
function newKeyPair(algorithm: -7 | -8 | -257): { privateKey: KeyObject; cose: Uint8Array } {
  if (algorithm === -7) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { privateKey, cose: coseEs256(publicKey) };
  }
  if (algorithm === -8) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    // kty OKP (1), alg EdDSA, crv Ed25519 (6), x
    return {
      privateKey,
      cose: isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 1],
          [3, -8],
          [-1, 6],
          [-2, x],
        ]),
      ),
    };
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  // kty RSA (3), alg RS256, n, e
  const cose = new Map<number, number | Uint8Array>([
    [1, 3],
    [3, -257],
    [-1, Buffer.from(jwk.n!, 'base64url')],
    [-2, Buffer.from(jwk.e!, 'base64url')],
  ]);
  return { privateKey, cose: isoCBOR.encode(cose) };
}

function coseEs256(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, 'base64url')],
    [-3, Buffer.from(jwk.y!, 'base64url')],
  ]);
  return isoCBOR.encode(cose);
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  constructor(public options: SoftAuthenticatorOptions) {}

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin?: string) {
    return Buffer.from(JSON.stringify({ type, challenge, origin: origin ?? this.options.origin, crossOrigin: false }));
  }

  private authData(
    rpId: string,
    counter: number,
    attested?: { id: Buffer; cose: Uint8Array },
    overrides: { uv?: boolean; up?: boolean } = {},
  ) {
    const flags = flagsByte({
      up: overrides.up ?? true,
      uv: overrides.uv ?? this.options.userVerified ?? true,
      be: this.options.backupEligible ?? false,
      bs: this.options.backedUp ?? false,
      at: attested !== undefined,
    });
    const counterBytes = Buffer.alloc(4);
    counterBytes.writeUInt32BE(counter);
    const parts: Uint8Array[] = [sha256(rpId), Buffer.from([flags]), counterBytes];
    if (attested) {
      const aaguid = Buffer.from(
        (this.options.aaguid ?? '00000000-0000-0000-0000-000000000000').replace(/-/g, ''),
        'hex',
      );
      const length = Buffer.alloc(2);
      length.writeUInt16BE(attested.id.length);
      parts.push(aaguid, length, attested.id, attested.cose);
    }
    return Buffer.concat(parts);
  }

  createCredential(
    options: PublicKeyCredentialCreationOptionsJSON,
    /** id: a credential id to reuse (base64url), as a hostile authenticator may. */
    overrides: { origin?: string; uv?: boolean; up?: boolean; id?: string } = {},
  ): RegistrationResponseJSON {
    const { privateKey, cose } = newKeyPair(this.options.algorithm ?? -7);
    const id = overrides.id ? Buffer.from(overrides.id, 'base64url') : randomBytes(this.options.idLength ?? 16);
    const rpId = options.rp.id!;
    const counter = this.options.initialCounter ?? 0;
    this.credentials.push({ id, privateKey, publicKeyCose: cose, userHandle: options.user.id, rpId, counter });
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', this.authData(rpId, counter, { id, cose }, overrides)],
      ]) as never,
    );
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, overrides.origin)),
        attestationObject: b64url(attestationObject),
        transports: (this.options.transports ?? ['internal', 'hybrid']) as never,
      },
      authenticatorAttachment: this.options.attachment ?? 'platform',
      clientExtensionResults: { credProps: { rk: true } } as never,
    };
  }

  /** Picks a credential as a browser would: from allowCredentials, or any discoverable one for the RP. */
  getAssertion(
    options: PublicKeyCredentialRequestOptionsJSON,
    overrides: { origin?: string; uv?: boolean; up?: boolean; counter?: number; credential?: SoftCredential } = {},
  ): AuthenticationResponseJSON {
    const allowed = options.allowCredentials?.map((entry) => entry.id);
    const credential =
      overrides.credential ??
      this.credentials.find((c) => c.rpId === options.rpId && (!allowed?.length || allowed.includes(b64url(c.id))));
    if (!credential) throw new Error('NotAllowedError: no matching credential on this authenticator');
    if (overrides.counter !== undefined) credential.counter = overrides.counter;
    else if ((this.options.initialCounter ?? 0) > 0) credential.counter += 1;
    const authenticatorData = this.authData(credential.rpId, credential.counter, undefined, overrides);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides.origin);
    const signed = Buffer.concat([authenticatorData, sha256(clientDataJSON)]);
    // EdDSA hashes inside the algorithm: node:crypto takes no digest name for it.
    const signature = sign(
      credential.privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256',
      signed,
      credential.privateKey,
    );
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
        userHandle: credential.userHandle,
      },
      authenticatorAttachment: this.options.attachment ?? 'platform',
      clientExtensionResults: {},
    };
  }
}
