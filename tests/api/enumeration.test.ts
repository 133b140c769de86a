import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAgent, keepAlivePoster } from '../support/http-agent.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { startStack, type Stack } from '../support/stack.js';

// Issue 15 point 7 over real HTTP: username-first options for a name without an account look like a real account's.
// No statistics: every shape the lab stores for real accounts must be a shape some fake also takes.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ IDP_MODE: 'off' });
});
afterAll(async () => {
  await stack.close();
});

interface Allowed {
  id: string;
  transports?: string[];
}
const credentialShape = (entry: Allowed) =>
  `${Buffer.from(entry.id, 'base64url').length} bytes, ${entry.transports?.join('+') ?? 'no transports'}`;

/** Real accounts as people end up with them: one phone passkey, a mix of providers, keys, credentials without transports. */
const REAL_ACCOUNTS: { username: string; passkeys: { idLength: number; transports: string[] }[] }[] = [
  { username: 'one-phone', passkeys: [{ idLength: 16, transports: ['hybrid', 'internal'] }] },
  {
    username: 'three-mixed',
    passkeys: [
      { idLength: 16, transports: ['hybrid', 'internal'] },
      { idLength: 20, transports: ['hybrid', 'internal'] },
      { idLength: 32, transports: ['internal'] },
    ],
  },
  { username: 'no-transports', passkeys: [{ idLength: 16, transports: [] }] },
  {
    username: 'keys',
    passkeys: [
      { idLength: 64, transports: ['usb'] },
      { idLength: 48, transports: ['nfc', 'usb'] },
    ],
  },
  {
    username: 'five',
    passkeys: [16, 20, 32, 64, 16].map((idLength) => ({ idLength, transports: ['hybrid', 'internal'] })),
  },
];

async function register(account: (typeof REAL_ACCOUNTS)[number]) {
  const agent = new HttpAgent(stack.labUrl);
  for (const passkey of account.passkeys) {
    const options = await agent.post('/api/registration/options', { username: account.username });
    expect(options.status).toBe(200);
    const authenticator = new SoftAuthenticator({
      origin: stack.labUrl,
      idLength: passkey.idLength,
      transports: passkey.transports,
    });
    expect(
      (await agent.post('/api/registration/verify', { response: authenticator.createCredential(options.body) })).status,
    ).toBe(200);
  }
}

const allowCredentialsFor = async (username: string, agent: Pick<HttpAgent, 'post'> = new HttpAgent(stack.labUrl)) =>
  (await agent.post<{ allowCredentials: Allowed[] }>('/api/authentication/options', { username })).body
    .allowCredentials;

describe('fake credentials for unknown usernames (point 7)', () => {
  it('cover every shape real accounts take: count, ID length, transports present or absent', async () => {
    for (const account of REAL_ACCOUNTS) await register(account);
    const real = await Promise.all(REAL_ACCOUNTS.map((account) => allowCredentialsFor(account.username)));
    // The real answers really have the shapes that stood out before (>= 3 passkeys, no transports, long IDs).
    expect(real.map((entries) => entries.length)).toEqual([1, 3, 1, 2, 5]);
    expect(real[2]![0]!.transports).toBeUndefined();

    const fakeCounts = new Set<number>();
    const fakeCredentialShapes = new Set<string>();
    // A thousand names over one kept-alive connection: with a fetch each, the test once timed out under load.
    const poster = keepAlivePoster(stack.labUrl);
    try {
      for (let i = 0; i < 1000; i++) {
        const entries = await allowCredentialsFor(`nobody-${i}`, poster);
        fakeCounts.add(entries.length);
        for (const entry of entries) fakeCredentialShapes.add(credentialShape(entry));
      }
    } finally {
      poster.close();
    }
    for (const entries of real) {
      expect(fakeCounts, `count ${entries.length}`).toContain(entries.length);
      for (const entry of entries)
        expect(fakeCredentialShapes, credentialShape(entry)).toContain(credentialShape(entry));
    }
  }, 60_000);

  it('are the same for the same name every time, and differ between names', async () => {
    const first = await allowCredentialsFor('ghost');
    expect(await allowCredentialsFor('ghost')).toEqual(first);
    expect(await allowCredentialsFor('ghost-2')).not.toEqual(first);
  });
});

describe('a login answered with an id the options listed (point 7, at verify)', () => {
  /** A stranger asks for a name's options and answers with its own key under the first listed id. */
  async function probe(username: string, answer: { up?: boolean; userHandle?: string }) {
    const agent = new HttpAgent(stack.labUrl);
    const options = (await agent.post('/api/authentication/options', { username })).body;
    const strangers = new SoftAuthenticator({ origin: stack.labUrl });
    strangers.createCredential({
      rp: { id: options.rpId, name: 'x' },
      user: { id: 'c3RyYW5nZXI', name: 'x', displayName: 'x' },
      challenge: 'AAAA',
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    } as never);
    const signed = strangers.getAssertion(
      { ...options, allowCredentials: [] },
      { credential: strangers.credentials[0], up: answer.up },
    );
    const id = options.allowCredentials[0].id;
    const response = { ...signed, id, rawId: id, response: { ...signed.response, userHandle: answer.userHandle } };
    const reply = await agent.post('/api/authentication/verify', { response });
    return { status: reply.status, body: reply.body };
  }

  it('gets the same reply for a name with passkeys as for a name without, whatever the answer holds', async () => {
    await register({ username: 'probed-owner', passkeys: [{ idLength: 16, transports: ['hybrid', 'internal'] }] });
    // A wrong signature; user presence missing (refused before the signature); a user handle no one can match.
    for (const answer of [{}, { up: false }, { userHandle: 'bm90LXRoZS1vd25lcg' }]) {
      const owner = await probe('probed-owner', answer);
      expect(owner.status).toBeGreaterThanOrEqual(400);
      expect(await probe('probed-nobody', answer)).toEqual(owner);
    }
  });

  it('still calls an id no options listed unknown, so the login page can tell the browser (Signal API)', async () => {
    const agent = new HttpAgent(stack.labUrl);
    const options = (await agent.post('/api/authentication/options', {})).body;
    const mine = new SoftAuthenticator({ origin: stack.labUrl });
    mine.createCredential({
      rp: { id: options.rpId, name: 'x' },
      user: { id: 'bWluZQ', name: 'x', displayName: 'x' },
      challenge: 'AAAA',
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    } as never);
    const reply = await agent.post('/api/authentication/verify', { response: mine.getAssertion(options) });
    expect(reply).toMatchObject({ status: 400, body: { error: { code: 'unknown_credential' } } });
  });
});
