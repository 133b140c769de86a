// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

// Node's WebCrypto signs; @peculiar/x509 only builds and encodes the certificates.
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Apple refuses TLS server certificates valid for more than 825 days; 397 also fits Chrome's public-CA rule. */
const HOST_CERT_DAYS = 397;
const CA_DAYS = 10 * 365;

export interface PemPair {
  certPem: string;
  keyPem: string;
}

async function keyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey), 'PRIVATE KEY');
}

/** PEM files end with a newline, so that files can be concatenated into a chain. */
const pemFile = (pem: string) => `${pem.trimEnd()}\n`;

function randomSerial(): string {
  // Positive 16-byte serial: the top bit clear keeps the DER integer positive.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** A local certificate authority for this lab only: ECDSA P-256, may sign server certificates only (pathLen 0). */
export async function createCertificateAuthority(options: { commonName: string; now?: Date }): Promise<PemPair> {
  const now = options.now ?? new Date();
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${options.commonName}, O=Passkey Dialog Lab (local)`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + CA_DAYS * DAY_MS),
    signingAlgorithm: SIGNING,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: pemFile(cert.toString('pem')), keyPem: pemFile(await privateKeyPem(keys.privateKey)) };
}

/**
 * A TLS server certificate for the given names (DNS names and IP addresses go into subjectAltName, which is all that
 * browsers read), signed by the CA. Meets what iOS and Android require of a user-trusted chain: SAN, serverAuth EKU,
 * SHA-256, at most 825 days.
 */
export async function issueHostCertificate(options: { ca: PemPair; names: string[]; now?: Date }): Promise<PemPair> {
  const now = options.now ?? new Date();
  const names = [...new Set(options.names)];
  if (names.length === 0) throw new Error('a host certificate needs at least one name');
  const caCert = new x509.X509Certificate(options.ca.certPem);
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(options.ca.keyPem),
    EC_KEY,
    false,
    ['sign'],
  );
  const keys = await keyPair();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${names[0]}`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + HOST_CERT_DAYS * DAY_MS),
    signingAlgorithm: SIGNING,
    publicKey: keys.publicKey,
    signingKey: caKey as unknown as CryptoKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        names.map((name) => ({ type: isIP(name) ? 'ip' : 'dns', value: name }) as const),
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: pemFile(cert.toString('pem')), keyPem: pemFile(await privateKeyPem(keys.privateKey)) };
}
