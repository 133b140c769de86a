import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run cert` as a user runs it: a real process, no terminal (as in CI and scripts).

const dataDir = mkdtempSync(join(tmpdir(), 'passkey-lab-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const cert = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/tls/cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });

describe('npm run cert -- <hostname>', () => {
  it('writes the CA and the certificate, and prints where the CA is and how to trust it, in Japanese and English', () => {
    const run = cert('lab.home.arpa');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(join(dataDir, 'tls', 'ca.pem').split('/').slice(-3).join('/'));
    for (const text of [
      'Windows 10 / 11',
      'macOS',
      'Android',
      'iPhone',
      'Trusted Root Certification Authorities',
      'Certificate Trust Settings',
      '信頼されたルート証明機関',
      '証明書信頼設定',
      'PUBLIC_ORIGIN=https://lab.home.arpa:3443',
    ]) {
      expect(run.stdout).toContain(text);
    }
  }, 120_000);

  it('never replaces the CA without a confirmation: with no terminal, --new-ca keeps it and says so', () => {
    // A CA to keep, whether or not the test above ran first (it reuses one that exists).
    expect(cert('lab.home.arpa', '--lang', 'en').status).toBe(0);
    const before = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8');
    const run = cert('lab.home.arpa', '--new-ca', '--lang', 'en');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The existing CA was kept');
    expect(readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')).toBe(before);
    const forced = cert('lab.home.arpa', '--new-ca', '--force', '--lang', 'en');
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain('Replaced the local certificate authority');
    expect(readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')).not.toBe(before);
  }, 240_000);

  it('refuses an IP address as the host name (passkeys need a domain name)', () => {
    const run = cert('192.168.1.20', '--lang', 'en');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Not a usable host name');
  }, 120_000);
});
