import { isoCBOR } from '@simplewebauthn/server/helpers';
import { createHmac, generateKeyPairSync, timingSafeEqual } from 'node:crypto';
import type { StoredCredential } from '../../db/credentials.js';

/**
 * Credentials for a username that has no account (or no passkey), so username-first options do not reveal which
 * accounts exist. Derived from the name and a server secret (HMAC): the same name always gets the same answer, and
 * no one without the secret can tell a fake from a real one by recomputing it.
 *
 * The shapes follow what real accounts store: how many passkeys, how long their IDs are (Google Password Manager and
 * most software providers 16 bytes, iCloud Keychain 20, Windows Hello 32, security keys 48–64 or more), and which
 * transports were reported, including none at all (older browsers and some providers report none). A real account
 * with three passkeys, or with a credential stored without transports, is then one of the shapes a fake also takes.
 * Tables of [value, weight]; the weights are rough, the coverage is what matters (tests/api/enumeration.test.ts).
 */
const COUNTS: [number, number][] = [
  [1, 40],
  [2, 25],
  [3, 15],
  [4, 9],
  [5, 5],
  [6, 3],
  [7, 2],
  [8, 1],
];
const ID_LENGTHS: [number, number][] = [
  [16, 40],
  [20, 15],
  [32, 20],
  [48, 8],
  [64, 12],
  [96, 5],
];
const TRANSPORTS: [string[] | null, number][] = [
  [['hybrid', 'internal'], 35],
  [['internal'], 20],
  [['usb'], 12],
  [['nfc', 'usb'], 10],
  [['hybrid'], 5],
  [['internal', 'usb'], 3],
  [['ble', 'hybrid', 'internal'], 2],
  [null, 13],
];

export interface FakeCredential {
  id: string;
  /** null: stored without transports, like a real credential whose browser reported none. */
  transports: string[] | null;
}

/** A deterministic byte stream: HMAC-SHA256(key, label || block index), block after block. */
function hmacStream(key: string, label: string) {
  let block = 0;
  let buffer = Buffer.alloc(0);
  return (length: number): Buffer => {
    while (buffer.length < length) {
      buffer = Buffer.concat([buffer, createHmac('sha256', key).update(`${label}\u0000${block++}`).digest()]);
    }
    const out = buffer.subarray(0, length);
    buffer = buffer.subarray(length);
    return out;
  };
}

function pick<T>(table: [T, number][], next: (length: number) => Buffer): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = next(4).readUInt32BE(0) % total;
  for (const [value, weight] of table) {
    if (roll < weight) return value;
    roll -= weight;
  }
  return table[table.length - 1]![0];
}

/**
 * The last TAG_BYTES of a fake id are a keyed tag of the rest, so the lab knows its own fakes when someone presents one
 * (a sign-up reusing a listed id is refused as a taken one is: isFakeCredentialId). A random id from a real
 * authenticator carries a valid tag with probability 2^-64.
 */
const TAG_BYTES = 8;
const tagOf = (body: Buffer, key: string) =>
  createHmac('sha256', key).update('fake-credential-tag\u0000').update(body).digest().subarray(0, TAG_BYTES);

export function fakeCredentialsFor(username: string, key: string): FakeCredential[] {
  const next = hmacStream(key, `fake-credential:${username}`);
  const count = pick(COUNTS, next);
  return Array.from({ length: count }, () => {
    const length = pick(ID_LENGTHS, next);
    const transports = pick(TRANSPORTS, next);
    const body = next(length - TAG_BYTES);
    const id = Buffer.concat([body, tagOf(body, key)]).toString('base64url');
    return { id, transports: transports ? [...transports] : null };
  });
}

/** Whether an id is one of the lab's fakes, for any name (the tag checks out under the lab's key). */
export function isFakeCredentialId(id: string, key: string): boolean {
  const bytes = Buffer.from(id, 'base64url');
  if (bytes.length <= TAG_BYTES) return false;
  const body = bytes.subarray(0, bytes.length - TAG_BYTES);
  return timingSafeEqual(bytes.subarray(bytes.length - TAG_BYTES), tagOf(body, key));
}

/**
 * A fake as a stored credential, for code that plans a request from an account's passkeys (the best-practice hints
 * and advice): a key's transports read as a security key, hybrid as a synced passkey, nothing as a desktop one, so
 * an unknown name is planned from the same kind of data as a real account.
 */
export function fakeAsStored(fake: FakeCredential): StoredCredential {
  const transports = fake.transports ?? [];
  const key = transports.length > 0 && transports.every((transport) => ['usb', 'nfc', 'ble'].includes(transport));
  const synced = transports.includes('hybrid');
  return {
    id: fake.id,
    accountId: 0,
    publicKey: new Uint8Array(),
    counter: 0,
    transports: fake.transports,
    deviceType: synced ? 'multiDevice' : 'singleDevice',
    backedUp: synced,
    aaguid: '00000000-0000-0000-0000-000000000000',
    attestationFormat: 'none',
    attachment: key ? 'cross-platform' : transports.includes('internal') ? 'platform' : null,
    credPropsRk: null,
    label: null,
    registeredClient: null,
    flaggedClone: false,
    createdAt: 0,
    lastUsedAt: null,
  };
}

// COSE (RFC 9053) labels of an EC2 key: kty 2 (EC2), alg -7 (ES256), crv 1 (P-256), then the point's x and y.
let standInPublicKey: Uint8Array<ArrayBuffer> | undefined;
const standIns = new WeakSet<StoredCredential>();

/**
 * A listed fake as the login's verify sees it: a passkey with a P-256 public key whose private key was dropped when it
 * was made, so no answer can verify against it. The verify runs the same checks and the same signature verification
 * on it as on a real passkey, and it fails as a wrong signature fails (server/webauthn/authentication.ts).
 */
export function standInCredential(id: string, accountId: number): StoredCredential {
  if (!standInPublicKey) {
    const { x, y } = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    standInPublicKey = new Uint8Array(
      isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2],
          [3, -7],
          [-1, 1],
          [-2, Buffer.from(x!, 'base64url')],
          [-3, Buffer.from(y!, 'base64url')],
        ]),
      ),
    );
  }
  const credential = { ...fakeAsStored({ id, transports: null }), accountId, publicKey: standInPublicKey };
  standIns.add(credential);
  return credential;
}

/** Whether a credential is a stand-in for a fake: such a credential never signs anyone in. */
export const isStandIn = (credential: StoredCredential): boolean => standIns.has(credential);
