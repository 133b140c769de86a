import { describe, expect, it } from 'vitest';
import { HttpAgent, keepAlivePoster } from '../support/http-agent.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { stackPerFile } from '../support/stack-per-test.js';

// Issue 15 point 7 over real HTTP: username-first options for a name without an account look like a real account's.
// No statistics: every shape the lab stores for real accounts must be a shape some fake also takes.

const lab = stackPerFile({ IDP_MODE: 'off' });

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
  const agent = new HttpAgent(lab.stack.labUrl);
  for (const passkey of account.passkeys) {
    const options = await agent.post('/api/registration/options', { username: account.username });
    expect(options.status).toBe(200);
    const authenticator = new SoftAuthenticator({
      origin: lab.stack.labUrl,
      idLength: passkey.idLength,
      transports: passkey.transports,
    });
    expect(
      (await agent.post('/api/registration/verify', { response: authenticator.createCredential(options.body) })).status,
    ).toBe(200);
  }
}

const allowCredentialsFor = async (
  username: string,
  agent: Pick<HttpAgent, 'post'> = new HttpAgent(lab.stack.labUrl),
) =>
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
    const poster = keepAlivePoster(lab.stack.labUrl);
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

describe('a login answered with an id some options listed (point 7, at verify)', () => {
  /** A stranger's own key, signing whatever challenge it is given. */
  function strangersKey(rpId: string) {
    const strangers = new SoftAuthenticator({ origin: lab.stack.labUrl });
    strangers.createCredential({
      rp: { id: rpId, name: 'x' },
      user: { id: 'c3RyYW5nZXI', name: 'x', displayName: 'x' },
      challenge: 'AAAA',
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    } as never);
    return strangers;
  }

  /**
   * A stranger takes the first id the options for `probed` list, then answers the options for `answeredFor` (the same
   * name, another name, or none: usernameless) with its own key under that id.
   */
  async function probe(
    probed: string,
    answer: { up?: boolean; userHandle?: string; answeredFor?: string | null; signature?: string } = {},
  ) {
    const agent = new HttpAgent(lab.stack.labUrl);
    const listed = (await agent.post('/api/authentication/options', { username: probed })).body;
    const answeredFor = answer.answeredFor === undefined ? probed : answer.answeredFor;
    const options =
      answeredFor === probed
        ? listed
        : (await agent.post('/api/authentication/options', answeredFor === null ? {} : { username: answeredFor })).body;
    const strangers = strangersKey(options.rpId);
    const signed = strangers.getAssertion(
      { ...options, allowCredentials: [] },
      { credential: strangers.credentials[0], up: answer.up },
    );
    const id = listed.allowCredentials[0].id;
    const response = {
      ...signed,
      id,
      rawId: id,
      response: {
        ...signed.response,
        userHandle: answer.userHandle,
        ...(answer.signature ? { signature: answer.signature } : {}),
      },
    };
    const reply = await agent.post('/api/authentication/verify', { response });
    return { status: reply.status, body: reply.body };
  }

  it('gets the same reply for names with passkeys of every algorithm as for a name without, whatever it holds', async () => {
    await register({ username: 'probed-es256', passkeys: [{ idLength: 16, transports: ['hybrid', 'internal'] }] });
    for (const [username, algorithm] of [
      ['probed-eddsa', -8],
      ['probed-rs256', -257],
    ] as const) {
      const agent = new HttpAgent(lab.stack.labUrl);
      const registration = await agent.post('/api/registration/options', { username });
      const authenticator = new SoftAuthenticator({ origin: lab.stack.labUrl, algorithm, idLength: 32 });
      const verify = await agent.post('/api/registration/verify', {
        response: authenticator.createCredential(registration.body),
      });
      expect(verify.status, `${username}: ${JSON.stringify(verify.body)}`).toBe(200);
    }
    const answers = [
      {}, // a wrong signature
      { signature: 'AAAA' }, // a signature that is not even one: parsed differently for each algorithm
      { up: false }, // user presence missing: refused before the signature
      { userHandle: 'bm90LXRoZS1vd25lcg' }, // a user handle no one can match
      { answeredFor: 'probed-nobody-2' }, // on the options of another name, which did not list this id
      { answeredFor: 'probed-es256' },
      { answeredFor: null }, // on usernameless options, without a user handle
      { answeredFor: null, userHandle: 'bm90LXRoZS1vd25lcg' }, // …and with one
    ];
    for (const answer of answers) {
      const fake = await probe('probed-nobody', answer);
      expect(fake.status, JSON.stringify(answer)).toBeGreaterThanOrEqual(400);
      for (const owner of ['probed-es256', 'probed-eddsa', 'probed-rs256']) {
        if (answer.answeredFor === owner) continue;
        expect({ owner, answer, reply: await probe(owner, answer) }).toEqual({ owner, answer, reply: fake });
      }
    }
  });

  it('refuses a sign-up that reuses a listed id the same way for a real passkey and a fake', async () => {
    await register({ username: 'reused-owner', passkeys: [{ idLength: 16, transports: ['hybrid', 'internal'] }] });
    const signUpWith = async (probed: string, newName: string) => {
      const agent = new HttpAgent(lab.stack.labUrl);
      const listed = (await agent.post('/api/authentication/options', { username: probed })).body;
      const options = await agent.post('/api/registration/options', { username: newName });
      const authenticator = new SoftAuthenticator({ origin: lab.stack.labUrl });
      const created = authenticator.createCredential(options.body, { id: listed.allowCredentials[0].id });
      const reply = await agent.post('/api/registration/verify', { response: created });
      return { status: reply.status, body: reply.body };
    };
    const real = await signUpWith('reused-owner', 'reuser-a');
    expect(real).toMatchObject({ status: 409, body: { error: { code: 'credential_exists' } } });
    expect(await signUpWith('reused-nobody', 'reuser-b')).toEqual(real);
  });

  it("keeps the library's reason out of the history of a signed-in stranger who probes", async () => {
    const agent = new HttpAgent(lab.stack.labUrl);
    const options = await agent.post('/api/registration/options', { username: 'prober' });
    const own = new SoftAuthenticator({ origin: lab.stack.labUrl });
    expect(
      (await agent.post('/api/registration/verify', { response: own.createCredential(options.body) })).status,
    ).toBe(200);
    const owner = new HttpAgent(lab.stack.labUrl);
    const ownerOptions = await owner.post('/api/registration/options', { username: 'logged-eddsa' });
    const eddsa = new SoftAuthenticator({ origin: lab.stack.labUrl, algorithm: -8 });
    expect(
      (await owner.post('/api/registration/verify', { response: eddsa.createCredential(ownerOptions.body) })).status,
    ).toBe(200);
    // Answers with a junk signature under the first listed id of an EdDSA owner and of a name without passkeys.
    const details = [];
    for (const probed of ['logged-eddsa', 'logged-nobody']) {
      const listed = (await agent.post('/api/authentication/options', { username: probed })).body;
      const signed = strangersKey(listed.rpId).getAssertion({ ...listed, allowCredentials: [] });
      const id = listed.allowCredentials[0].id;
      const response = {
        ...signed,
        id,
        rawId: id,
        response: { ...signed.response, signature: 'AAAA', userHandle: undefined },
      };
      await agent.post('/api/authentication/verify', { response });
      const history = (await agent.get('/api/account/ceremonies')).body as {
        ceremonies: { kind: string; outcome: string; detail: unknown }[];
      };
      details.push(history.ceremonies.find((entry) => entry.outcome === 'rejected')?.detail);
    }
    expect(details[0]).toEqual({ message: 'The login response did not verify.' });
    expect(details[1]).toEqual(details[0]);
  });

  it('still calls an id no options listed unknown on a usernameless login, so the page can tell the browser (Signal API)', async () => {
    const agent = new HttpAgent(lab.stack.labUrl);
    const options = (await agent.post('/api/authentication/options', {})).body;
    const mine = new SoftAuthenticator({ origin: lab.stack.labUrl });
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
