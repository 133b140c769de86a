import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { createInvite } from '../../server/support/invites.js';
import { accountFlows } from '../support/account-flows.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { staffFlows } from '../support/staff-flows.js';
import { BrowserLikeClient } from '../support/stack.js';
import { stackPerFile } from '../support/stack-per-test.js';

// Registration refuses a passkey that could never sign in (server/webauthn/usable-passkey.ts): an empty or over-long
// (> 1023 bytes, WebAuthn §7.1) credential ID, or a public key that is no usable key. SimpleWebAuthn does not look at
// the key of a "none" attestation; before, such a passkey was stored, counted as a way in, and never worked. And every
// ID the lab accepts can be renamed and deleted: Fastify's default maxParamLength (100) answered 414 for IDs of 76
// bytes and more.

const shared = stackPerFile();

/** Rewrites the attested credential data: its credential ID length and/or its COSE key. */
function tamper(response: RegistrationResponseJSON, change: { cose?: Map<number, unknown>; emptyId?: boolean }) {
  const attestation = isoCBOR.decodeFirst<Map<string, unknown>>(
    Buffer.from(response.response.attestationObject, 'base64url'),
  );
  const authData = Buffer.from(attestation.get('authData') as Uint8Array);
  const idLength = authData.readUInt16BE(53);
  const head = change.emptyId
    ? Buffer.concat([authData.subarray(0, 53), Buffer.alloc(2)])
    : authData.subarray(0, 55 + idLength);
  const key = change.cose ? Buffer.from(isoCBOR.encode(change.cose as never)) : authData.subarray(55 + idLength);
  attestation.set('authData', Buffer.concat([head, key]));
  response.response.attestationObject = Buffer.from(isoCBOR.encode(attestation as never)).toString('base64url');
  return response;
}

const cases: [string, { cose?: Map<number, unknown>; emptyId?: boolean }][] = [
  ['an empty credential ID', { emptyId: true }],
  [
    'an EC2 key whose point is not on P-256',
    {
      cose: new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.alloc(32, 1)],
        [-3, Buffer.alloc(32, 2)],
      ]),
    },
  ],
  [
    'a symmetric (kty 4) key',
    {
      cose: new Map<number, unknown>([
        [1, 4],
        [3, -7],
        [-1, Buffer.alloc(32)],
      ]),
    },
  ],
  [
    'a 4-byte RSA modulus',
    {
      cose: new Map<number, unknown>([
        [1, 3],
        [3, -257],
        [-1, Buffer.alloc(4, 1)],
        [-2, Buffer.from([1, 0, 1])],
      ]),
    },
  ],
];

describe('registration refuses a passkey that could never sign in', () => {
  let n = 0;
  for (const [what, change] of cases) {
    it(`a response with ${what} gets a 400 and stores nothing`, async () => {
      const lab = shared.stack.labUrl;
      const client = new BrowserLikeClient();
      const username = `unusable-${n++}`;
      const options = JSON.parse(
        (await client.request(`${lab}/api/registration/options`, { json: { username } })).body,
      );
      const response = tamper(new SoftAuthenticator({ origin: lab }).createCredential(options), change);
      const verify = await client.request(`${lab}/api/registration/verify`, { json: { response } });
      expect(verify.status, verify.body).toBe(400);
      expect(JSON.parse(verify.body).error.code).toBe('passkey_unusable');
      expect(shared.stack.running.lab.repos.accounts.findByUsername(username)).toBeUndefined();
    });
  }

  it('a credential ID over 1023 bytes (WebAuthn: the relying party fails the ceremony) gets a 400', async () => {
    const lab = shared.stack.labUrl;
    const client = new BrowserLikeClient();
    const options = JSON.parse(
      (await client.request(`${lab}/api/registration/options`, { json: { username: 'too-long-id' } })).body,
    );
    const response = new SoftAuthenticator({ origin: lab, idLength: 1100 }).createCredential(options);
    const verify = await client.request(`${lab}/api/registration/verify`, { json: { response } });
    expect(verify.status, verify.body).toBe(400);
    expect(JSON.parse(verify.body).error.code).toBe('passkey_unusable');
    expect(shared.stack.running.lab.repos.accounts.findByUsername('too-long-id')).toBeUndefined();
  });

  it('staff enrollment refuses such a passkey too (400), and enrolls nobody', async () => {
    const { repos } = shared.stack.running.lab;
    const staffBefore = repos.staff.count();
    const link = createInvite(repos, shared.stack.labUrl, null).link;
    const key = new SoftAuthenticator({ origin: shared.stack.labUrl, idLength: 1100 });
    const { reply } = await staffFlows(shared.stack).enroll(new BrowserLikeClient(), link, 'Sato (support)', key);
    expect(reply.status, reply.body).toBe(400);
    expect(JSON.parse(reply.body).error.code).toBe('passkey_unusable');
    expect(repos.staff.count()).toBe(staffBefore);
  });
});

describe('a passkey with a long credential ID stays manageable', () => {
  for (const idLength of [76, 128, 1023]) {
    it(`a ${idLength}-byte credential ID can be renamed and deleted like any other`, async () => {
      const lab = shared.stack.labUrl;
      const flows = accountFlows(shared.stack);
      const client = new BrowserLikeClient();
      const username = `long-id-${idLength}`;
      const key = new SoftAuthenticator({ origin: lab, idLength, attachment: 'cross-platform', transports: ['usb'] });
      await flows.signUpWithPasskey(client, username, key);
      // A second passkey, so the long one is not the last way in.
      expect((await flows.addPasskey(client, username, new SoftAuthenticator({ origin: lab }))).status).toBe(200);
      const id = key.credentials[0]!.id.toString('base64url');
      expect((await flows.account(client)).credentials.map((c) => c.id)).toContain(id);

      const rename = await client.request(`${lab}/api/account/credentials/${id}`, {
        method: 'PATCH',
        json: { label: 'Blue key' },
      });
      expect(rename.status, rename.body).toBe(200);
      const remove = await client.request(`${lab}/api/account/credentials/${id}`, { method: 'DELETE' });
      expect(remove.status, remove.body).toBe(200);
      expect((await flows.account(client)).credentials.map((c) => c.id)).not.toContain(id);
    });
  }
});
