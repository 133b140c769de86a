import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { createCertificateAuthority, issueHostCertificate } from './certificates.js';

export interface TlsFiles {
  dir: string;
  /** The CA certificate (PEM) and the same in DER as ca.crt, the form Windows, Android and iOS open directly. */
  caPem: string;
  caCrt: string;
  caKey: string;
  /** The server certificate followed by the CA certificate (a full chain), and its key: TLS_CERT and TLS_KEY. */
  cert: string;
  key: string;
}

function tlsFiles(dataDir: string): TlsFiles {
  const dir = resolve(dataDir, 'tls');
  return {
    dir,
    caPem: join(dir, 'ca.pem'),
    caCrt: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca-key.pem'),
    cert: join(dir, 'lab.pem'),
    key: join(dir, 'lab-key.pem'),
  };
}

/** The machine's LAN addresses, so a phone may also reach the lab (or the mock identity providers) by IP address. */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  return Object.values(interfaces)
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && !(entry.family === 'IPv6' && /^fe80:/i.test(entry.address)))
    .map((entry) => entry.address);
}

/** A DNS name a certificate and an RP ID can use: letters, digits, hyphens, dots; not an IP address. */
export function isHostname(value: string): boolean {
  return (
    isIP(value) === 0 &&
    value.length <= 253 &&
    /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/i.test(value)
  );
}

export class CaKeptError extends Error {}

export interface MadeCertificates {
  files: TlsFiles;
  ca: 'created' | 'reused' | 'replaced';
  names: string[];
  caSubject: string;
  caFingerprint256: string;
}

/**
 * Issues a server certificate for the hostname (plus localhost and the given addresses) from the lab's local CA.
 * An existing CA is reused; it is replaced only when asked (newCa) and confirmed, since every device that trusts it
 * would have to trust the new one again.
 */
export async function makeLabCertificates(options: {
  dataDir: string;
  hostname: string;
  addresses: string[];
  newCa?: boolean;
  confirmReplaceCa: () => Promise<boolean>;
  now?: Date;
}): Promise<MadeCertificates> {
  const files = tlsFiles(options.dataDir);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  const hasCa = existsSync(files.caPem) && existsSync(files.caKey);
  let caState: MadeCertificates['ca'];
  let ca;
  if (hasCa && !options.newCa) {
    ca = { certPem: readFileSync(files.caPem, 'utf8'), keyPem: readFileSync(files.caKey, 'utf8') };
    caState = 'reused';
    if (!existsSync(files.caCrt)) writeFileSync(files.caCrt, new X509Certificate(ca.certPem).raw, { mode: 0o644 });
  } else {
    if ((hasCa || existsSync(files.caPem) || existsSync(files.caKey)) && !(await options.confirmReplaceCa()))
      throw new CaKeptError(files.caPem);
    ca = await createCertificateAuthority({
      commonName: 'Passkey Dialog Lab local CA',
      ...(options.now ? { now: options.now } : {}),
    });
    caState = hasCa ? 'replaced' : 'created';
    writePrivate(files.caKey, ca.keyPem);
    writeFileSync(files.caPem, ca.certPem, { mode: 0o644 });
    writeFileSync(files.caCrt, new X509Certificate(ca.certPem).raw, { mode: 0o644 });
  }
  const names = [...new Set([options.hostname, 'localhost', '127.0.0.1', '::1', ...options.addresses])];
  const host = await issueHostCertificate({ ca, names, ...(options.now ? { now: options.now } : {}) });
  writePrivate(files.key, host.keyPem);
  writeFileSync(files.cert, `${host.certPem.trimEnd()}\n${ca.certPem.trimEnd()}\n`, { mode: 0o644 });
  const caCert = new X509Certificate(ca.certPem);
  return { files, ca: caState, names, caSubject: caCert.subject, caFingerprint256: caCert.fingerprint256 };
}

/** Keys are readable by their owner only, also when the file existed before with wider rights. */
function writePrivate(path: string, pem: string) {
  writeFileSync(path, pem, { mode: 0o600 });
  chmodSync(path, 0o600);
}
