import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config.js';
import { CaKeptError, isHostname, lanAddresses, makeLabCertificates } from '../../server/tls/store.js';
import { loadServerTls } from '../../server/tls/server-tls.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'passkey-lab-cert-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const never = async () => {
  throw new Error('must not ask');
};

describe('npm run cert (makeLabCertificates)', () => {
  it('creates a CA and a server certificate for the host, localhost and the LAN addresses; keys 0600', async () => {
    const dataDir = tempDir();
    const made = await makeLabCertificates({
      dataDir,
      hostname: 'lab.home.arpa',
      addresses: ['192.168.1.20', 'fd00::2'],
      confirmReplaceCa: never,
    });
    expect(made.ca).toBe('created');
    const ca = new X509Certificate(readFileSync(made.files.caPem));
    expect(ca.ca).toBe(true);
    expect(new X509Certificate(readFileSync(made.files.caCrt)).fingerprint256).toBe(ca.fingerprint256);
    const chain = readFileSync(made.files.cert, 'utf8').match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
    )!;
    expect(chain).toHaveLength(2);
    const server = new X509Certificate(chain[0]!);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toBe(
      'DNS:lab.home.arpa, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:192.168.1.20, IP Address:FD00:0:0:0:0:0:0:2',
    );
    expect(server.checkHost('lab.home.arpa')).toBe('lab.home.arpa');
    expect(server.checkIP('192.168.1.20')).toBe('192.168.1.20');
    // Apple's limit for TLS server certificates is 825 days.
    expect(Date.parse(server.validTo) - Date.now()).toBeLessThan(825 * 24 * 3600 * 1000);
    expect(statSync(made.files.key).mode & 0o777).toBe(0o600);
    expect(statSync(made.files.caKey).mode & 0o777).toBe(0o600);
    // What the lab reads at start-up accepts it and finds the CA to offer phones.
    const tls = loadServerTls({ certPath: made.files.cert, keyPath: made.files.key });
    expect(tls.rootCa?.fingerprint256).toBe(ca.fingerprint256);
  });

  it('reuses an existing CA without asking, and never replaces it without a yes', async () => {
    const dataDir = tempDir();
    const first = await makeLabCertificates({
      dataDir,
      hostname: 'lab.home.arpa',
      addresses: [],
      confirmReplaceCa: never,
    });
    const caBefore = readFileSync(first.files.caPem, 'utf8');
    const keyBefore = readFileSync(first.files.caKey, 'utf8');

    const second = await makeLabCertificates({
      dataDir,
      hostname: 'other.home.arpa',
      addresses: [],
      confirmReplaceCa: never,
    });
    expect(second.ca).toBe('reused');
    expect(readFileSync(second.files.caPem, 'utf8')).toBe(caBefore);
    expect(new X509Certificate(readFileSync(second.files.cert)).checkHost('other.home.arpa')).toBe('other.home.arpa');
    expect(new X509Certificate(readFileSync(second.files.cert)).verify(new X509Certificate(caBefore).publicKey)).toBe(
      true,
    );

    await expect(
      makeLabCertificates({
        dataDir,
        hostname: 'lab.home.arpa',
        addresses: [],
        newCa: true,
        confirmReplaceCa: async () => false,
      }),
    ).rejects.toBeInstanceOf(CaKeptError);
    expect(readFileSync(first.files.caPem, 'utf8')).toBe(caBefore);
    expect(readFileSync(first.files.caKey, 'utf8')).toBe(keyBefore);

    const replaced = await makeLabCertificates({
      dataDir,
      hostname: 'lab.home.arpa',
      addresses: [],
      newCa: true,
      confirmReplaceCa: async () => true,
    });
    expect(replaced.ca).toBe('replaced');
    expect(readFileSync(first.files.caPem, 'utf8')).not.toBe(caBefore);
  });

  it('asks before writing over half a CA (a CA file without its key)', async () => {
    const dataDir = tempDir();
    const first = await makeLabCertificates({
      dataDir,
      hostname: 'lab.home.arpa',
      addresses: [],
      confirmReplaceCa: never,
    });
    rmSync(first.files.caKey);
    const lonely = readFileSync(first.files.caPem, 'utf8');
    await expect(
      makeLabCertificates({ dataDir, hostname: 'lab.home.arpa', addresses: [], confirmReplaceCa: async () => false }),
    ).rejects.toBeInstanceOf(CaKeptError);
    expect(readFileSync(first.files.caPem, 'utf8')).toBe(lonely);
    expect(existsSync(first.files.caKey)).toBe(false);
  });
});

describe('TLS files at start-up (loadServerTls)', () => {
  it('names the variable when a file is missing, not PEM, or the key does not match', async () => {
    const dataDir = tempDir();
    const made = await makeLabCertificates({
      dataDir,
      hostname: 'lab.home.arpa',
      addresses: [],
      confirmReplaceCa: never,
    });
    const variableOf = (certPath: string, keyPath: string) => {
      try {
        loadServerTls({ certPath, keyPath });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).variable;
      }
      return 'none';
    };
    expect(variableOf(join(dataDir, 'missing.pem'), made.files.key)).toBe('TLS_CERT');
    expect(variableOf(made.files.cert, join(dataDir, 'missing.pem'))).toBe('TLS_KEY');
    const junk = join(dataDir, 'junk.pem');
    writeFileSync(junk, 'not a pem');
    expect(variableOf(junk, made.files.key)).toBe('TLS_CERT');
    expect(variableOf(made.files.cert, junk)).toBe('TLS_KEY');
    expect(variableOf(made.files.cert, made.files.caKey)).toBe('TLS_KEY');
  });
});

describe('helpers', () => {
  it('lanAddresses keeps external addresses, drops loopback and link-local', () => {
    const info = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
      ({
        address,
        family,
        internal,
        netmask: '',
        mac: '',
        cidr: null,
        ...(family === 'IPv6' ? { scopeid: 0 } : {}),
      }) as never;
    expect(
      lanAddresses({
        lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
        eth0: [info('192.168.1.20', 'IPv4'), info('fe80::1', 'IPv6'), info('fd00::2', 'IPv6')],
      }),
    ).toEqual(['192.168.1.20', 'fd00::2']);
  });
  it('isHostname takes DNS names, not IP addresses', () => {
    expect(isHostname('lab.home.arpa')).toBe(true);
    expect(isHostname('192.168.1.20')).toBe(false);
    expect(isHostname('lab..arpa')).toBe(false);
    expect(isHostname('-lab.arpa')).toBe(false);
  });
});
