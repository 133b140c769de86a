import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { makeLabCertificates, type MadeCertificates } from '../../server/tls/store.js';

export interface TestCertificates extends MadeCertificates {
  dataDir: string;
  caPem: string;
  /** fetch trusting only this test CA (as a phone that installed ca.crt would). */
  fetch: typeof fetch;
}

/** `npm run cert`'s own code, into a temporary data folder: a fresh CA and a server certificate. */
export async function testCertificates(
  hostname = 'lab.home.arpa',
  addresses: string[] = [],
): Promise<TestCertificates> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passkey-lab-tls-'));
  const made = await makeLabCertificates({ dataDir, hostname, addresses, confirmReplaceCa: async () => false });
  const caPem = readFileSync(made.files.caPem, 'utf8');
  const dispatcher = new Agent({ connect: { ca: caPem } });
  const trusting = ((input: string, init: RequestInit = {}) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
  return { ...made, dataDir, caPem, fetch: trusting };
}
