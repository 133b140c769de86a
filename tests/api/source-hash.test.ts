import { createHmac, hkdfSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lab } from '../../server/app.js';
import { Agent, startTestLab, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// A stranger's attempt on an account is counted under a keyed hash of its source address. The key is its own, derived
// from the stored fakeCredentialKey with HKDF (RFC 5869) and a label: before, fakeCredentialKey itself keyed both the
// fake allow lists and these stored hashes.

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.app.close();
  lab = undefined;
});

const hmac = (key: string | Buffer, ip: string) =>
  createHmac('sha256', key).update(`attempt-source:${ip}`).digest('base64url').slice(0, 16);

describe('source addresses are hashed under a key of their own', () => {
  it("a stranger's attempt is stored under HKDF(fakeCredentialKey, label), not under fakeCredentialKey", async () => {
    lab = await startTestLab();
    const owner = new Agent(lab.app);
    const authenticator = new SoftAuthenticator({ origin: TEST_ORIGIN });
    const options = await owner.post('/api/registration/options', { username: 'owner' });
    expect(
      (await owner.post('/api/registration/verify', { response: authenticator.createCredential(options.body) })).status,
    ).toBe(200);

    const stranger = new Agent(lab.app); // not signed in to owner: its login attempt is counted, not logged
    expect((await stranger.post('/api/authentication/options', { username: 'owner' })).status).toBe(200);
    const rows = lab.db.prepare('SELECT source FROM stranger_attempts').all() as { source: string }[];
    expect(rows).toHaveLength(1);

    const { fakeCredentialKey } = lab.secrets;
    const ownKey = Buffer.from(
      hkdfSync('sha256', fakeCredentialKey, '', 'passkey-dialog-lab source-address hash', 32),
    ).toString('base64url');
    const ip = '127.0.0.1'; // inject's remote address
    expect(rows[0]!.source).toBe(hmac(ownKey, ip));
    expect(rows[0]!.source).not.toBe(hmac(fakeCredentialKey, ip));
  });
});
