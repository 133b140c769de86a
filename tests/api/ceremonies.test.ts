import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionRowKey } from '../../db/sessions.js';
import type { Lab } from '../../server/app.js';
import { Agent, startTestLab, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

let lab: Lab;
beforeEach(async () => {
  lab = await startTestLab();
});
afterEach(async () => {
  await lab.app.close();
});

const phone = () =>
  new SoftAuthenticator({
    origin: TEST_ORIGIN,
    transports: ['hybrid', 'internal'],
    backupEligible: true,
    backedUp: true,
  });

async function signUp(
  agent: Agent,
  authenticator: SoftAuthenticator,
  username: string,
  extra: Record<string, unknown> = {},
) {
  const options = await agent.post('/api/registration/options', { username, ...extra });
  expect(options.status).toBe(200);
  const verify = await agent.post('/api/registration/verify', {
    response: authenticator.createCredential(options.body),
  });
  return { options, verify };
}

describe('registration', () => {
  it('signs up a new username and signs the session in', async () => {
    const agent = new Agent(lab.app);
    const { options, verify } = await signUp(agent, phone(), 'hanako', {
      authenticatorAttachment: 'platform',
      residentKey: 'required',
      hints: ['client-device'],
    });
    expect(options.body.rp.id).toBe('localhost');
    expect(options.body.extensions.credProps).toBe(true);
    expect(options.body.hints).toEqual(['client-device']);
    expect(options.body.authenticatorSelection).toMatchObject({
      authenticatorAttachment: 'platform',
      residentKey: 'required',
    });
    expect(options.body.pubKeyCredParams[0].alg).toBe(-7);
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({
      verified: true,
      credential: {
        transports: ['hybrid', 'internal'],
        deviceType: 'multiDevice',
        backedUp: true,
        attachment: 'platform',
      },
    });
    const session = await agent.get('/api/session');
    expect(session.body).toMatchObject({ user: { username: 'hanako' }, method: 'passkey', assurance: 'high' });
  });

  it('stores what the authenticator reported, including credProps and the client facts', async () => {
    const agent = new Agent(lab.app);
    const options = await agent.post('/api/registration/options', { username: 'taro' });
    const client = {
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120',
      platform: 'Windows',
      platformVersion: '10.0.0',
    };
    await agent.post('/api/registration/verify', {
      response: phone().createCredential(options.body),
      client,
      label: 'Pixel',
    });
    const account = await agent.get('/api/account');
    expect(account.body.credentials).toHaveLength(1);
    expect(account.body.credentials[0]).toMatchObject({
      label: 'Pixel',
      credPropsRk: true,
      attestationFormat: 'none',
      registeredClient: client,
      synced: true,
    });
  });

  it('fills excludeCredentials with existing credentials and their transports when adding a second key', async () => {
    const agent = new Agent(lab.app);
    const first = await signUp(agent, phone(), 'jiro');
    const second = await agent.post('/api/registration/options', { username: 'jiro' });
    expect(second.status).toBe(200);
    expect(second.body.excludeCredentials).toEqual([
      { id: first.verify.body.credential.id, type: 'public-key', transports: ['hybrid', 'internal'] },
    ]);
  });

  it('refuses a stranger adding a credential to an existing account', async () => {
    await signUp(new Agent(lab.app), phone(), 'victim');
    const stranger = new Agent(lab.app);
    const anonymous = await stranger.post('/api/registration/options', { username: 'victim' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('sign_in_required');

    await signUp(stranger, phone(), 'mallory');
    const signedInElsewhere = await stranger.post('/api/registration/options', { username: 'victim' });
    expect(signedInElsewhere.status).toBe(403);
    expect(signedInElsewhere.body.error.code).toBe('not_your_account');
  });

  it('rejects a response from another origin', async () => {
    const agent = new Agent(lab.app);
    const options = await agent.post('/api/registration/options', { username: 'evil-origin' });
    const verify = await agent.post('/api/registration/verify', {
      response: phone().createCredential(options.body, { origin: 'https://phish.example' }),
    });
    expect(verify.status).toBe(400);
    expect(verify.body.error.code).toBe('verification_failed');
    expect(verify.body.error.message).toMatch(/origin/i);
  });

  it('rejects a credential made for another RP ID', async () => {
    const agent = new Agent(lab.app);
    const options = await agent.post('/api/registration/options', { username: 'evil-rp' });
    const forged = phone().createCredential({ ...options.body, rp: { ...options.body.rp, id: 'evil.example' } });
    const verify = await agent.post('/api/registration/verify', { response: forged });
    expect(verify.status).toBe(400);
    expect(verify.body.error.message).toMatch(/RP ID/i);
  });

  it('rejects a registration without user verification when UV is required', async () => {
    const agent = new Agent(lab.app);
    const options = await agent.post('/api/registration/options', {
      username: 'uv-required',
      userVerification: 'required',
    });
    const verify = await agent.post('/api/registration/verify', {
      response: phone().createCredential(options.body, { uv: false }),
    });
    expect(verify.status).toBe(400);
    expect(verify.body.error.message).toMatch(/verif/i);
  });
});

describe('authentication', () => {
  async function registeredPhone(username = 'hanako') {
    const authenticator = phone();
    const agent = new Agent(lab.app);
    await signUp(agent, authenticator, username);
    return { authenticator, credentialId: authenticator.credentials[0]!.id.toString('base64url') };
  }

  it('logs in username-first with the stored transports in allowCredentials', async () => {
    const { authenticator, credentialId } = await registeredPhone();
    const pc = new Agent(lab.app);
    const options = await pc.post('/api/authentication/options', { username: 'hanako' });
    expect(options.body.allowCredentials).toEqual([
      { id: credentialId, type: 'public-key', transports: ['hybrid', 'internal'] },
    ]);
    const verify = await pc.post('/api/authentication/verify', { response: authenticator.getAssertion(options.body) });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ verified: true, user: { username: 'hanako' } });
    expect((await pc.get('/api/session')).body.user).toEqual({ username: 'hanako' });
  });

  it('builds allowCredentials per transports mode: stored, omit, add-hybrid', async () => {
    const agent = new Agent(lab.app);
    const key = new SoftAuthenticator({ origin: TEST_ORIGIN, transports: ['usb'], attachment: 'cross-platform' });
    await signUp(agent, key, 'keyholder');
    const modes = await Promise.all(
      (['stored', 'omit', 'add-hybrid'] as const).map((transportsMode) =>
        new Agent(lab.app).post('/api/authentication/options', { username: 'keyholder', transportsMode }),
      ),
    );
    expect(modes.map((reply) => reply.body.allowCredentials[0].transports)).toEqual([
      ['usb'],
      undefined,
      ['usb', 'hybrid'],
    ]);
  });

  it('logs in usernameless with a discoverable credential', async () => {
    const { authenticator } = await registeredPhone('discoverable');
    const pc = new Agent(lab.app);
    const options = await pc.post('/api/authentication/options', {});
    expect(options.body.allowCredentials ?? []).toEqual([]);
    const verify = await pc.post('/api/authentication/verify', { response: authenticator.getAssertion(options.body) });
    expect(verify.status).toBe(200);
    expect(verify.body.user.username).toBe('discoverable');
  });

  it('refuses a replayed response', async () => {
    const { authenticator } = await registeredPhone();
    const pc = new Agent(lab.app);
    const options = await pc.post('/api/authentication/options', { username: 'hanako' });
    const response = authenticator.getAssertion(options.body);
    expect((await pc.post('/api/authentication/verify', { response })).status).toBe(200);
    const replay = await pc.post('/api/authentication/verify', { response });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('unknown_challenge');
  });

  it('refuses a response whose challenge was issued to another session', async () => {
    const { authenticator } = await registeredPhone();
    const victim = new Agent(lab.app);
    const options = await victim.post('/api/authentication/options', { username: 'hanako' });
    const attacker = new Agent(lab.app);
    const stolen = await attacker.post('/api/authentication/verify', {
      response: authenticator.getAssertion(options.body),
    });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.code).toBe('challenge_session_mismatch');
  });

  it('refuses an expired challenge', async () => {
    const { authenticator } = await registeredPhone();
    const pc = new Agent(lab.app);
    const options = await pc.post('/api/authentication/options', { username: 'hanako' });
    lab.db
      .prepare('UPDATE challenges SET expires_at = ? WHERE challenge = ?')
      .run(Date.now() - 1, options.body.challenge);
    const verify = await pc.post('/api/authentication/verify', { response: authenticator.getAssertion(options.body) });
    expect(verify.status).toBe(400);
    expect(verify.body.error.code).toBe('challenge_expired');
  });

  it('refuses a response signed for another origin', async () => {
    const { authenticator } = await registeredPhone();
    const pc = new Agent(lab.app);
    const options = await pc.post('/api/authentication/options', { username: 'hanako' });
    const verify = await pc.post('/api/authentication/verify', {
      response: authenticator.getAssertion(options.body, { origin: 'http://localhost:3001' }),
    });
    expect(verify.status).toBe(400);
    expect(verify.body.error.message).toMatch(/origin/i);
  });

  it('refuses an assertion signed for another RP ID', async () => {
    const { authenticator } = await registeredPhone();
    const pc = new Agent(lab.app);
    const options = await pc.post('/api/authentication/options', { username: 'hanako' });
    authenticator.credentials[0]!.rpId = 'evil.example';
    const verify = await pc.post('/api/authentication/verify', {
      response: authenticator.getAssertion({ ...options.body, rpId: 'evil.example' }),
    });
    expect(verify.status).toBe(400);
    expect(verify.body.error.message).toMatch(/RP ID/i);
  });

  it('refuses a response without user presence, and without UV when UV is required', async () => {
    const { authenticator } = await registeredPhone();
    const pc = new Agent(lab.app);
    const noPresence = await pc.post('/api/authentication/options', { username: 'hanako' });
    const up = await pc.post('/api/authentication/verify', {
      response: authenticator.getAssertion(noPresence.body, { up: false }),
    });
    expect(up.status).toBe(400);
    expect(up.body.error.message).toMatch(/present/i);
    const uvRequired = await pc.post('/api/authentication/options', {
      username: 'hanako',
      userVerification: 'required',
    });
    const uv = await pc.post('/api/authentication/verify', {
      response: authenticator.getAssertion(uvRequired.body, { uv: false }),
    });
    expect(uv.status).toBe(400);
    expect(uv.body.error.message).toMatch(/verif/i);
  });

  /** A security key signed up as `username` whose last login reported counter 10. */
  async function securityKeyAtCounter10(username: string) {
    const agent = new Agent(lab.app);
    const key = new SoftAuthenticator({
      origin: TEST_ORIGIN,
      transports: ['usb'],
      attachment: 'cross-platform',
      initialCounter: 1,
    });
    await signUp(agent, key, username);
    const first = await agent.post('/api/authentication/options', { username });
    expect(
      (await agent.post('/api/authentication/verify', { response: key.getAssertion(first.body, { counter: 10 }) }))
        .status,
    ).toBe(200);
    return { agent, key };
  }

  it('flags and records a counter regression as a possible clone', async () => {
    const { agent, key } = await securityKeyAtCounter10('counting');
    const second = await agent.post('/api/authentication/options', { username: 'counting' });
    const regressed = await agent.post('/api/authentication/verify', {
      response: key.getAssertion(second.body, { counter: 5 }),
    });
    expect(regressed.status).toBe(403);
    expect(regressed.body.error).toMatchObject({
      code: 'counter_regression',
      detail: { receivedCounter: 5, storedCounter: 10 },
    });
    const account = await agent.get('/api/account');
    expect(account.body.credentials[0].flaggedClone).toBe(true);
    const history = await agent.get('/api/account/ceremonies');
    expect(history.body.ceremonies.some((c: { errorCode: string }) => c.errorCode === 'counter_regression')).toBe(true);
  });

  it('does not flag a passkey for a lower counter in a response whose signature does not verify', async () => {
    const { agent, key } = await securityKeyAtCounter10('forged');
    // Anyone who types the name sees the credential id; a forged assertion with a low counter must not mark it cloned.
    const stranger = new Agent(lab.app);
    const options = await stranger.post('/api/authentication/options', { username: 'forged' });
    const forged = key.getAssertion(options.body, { counter: 5 });
    const signature = Buffer.from(forged.response.signature, 'base64url');
    signature.writeUInt8(signature.readUInt8(signature.length - 1) ^ 0xff, signature.length - 1);
    forged.response.signature = signature.toString('base64url');
    const refused = await stranger.post('/api/authentication/verify', { response: forged });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('verification_failed');
    const account = await agent.get('/api/account');
    expect(account.body.credentials[0].flaggedClone).toBe(false);
  });

  it('replies with the options exactly as generated and logged, and publishes every 200 reply schema', async () => {
    const agent = new Agent(lab.app);
    await signUp(agent, phone(), 'schema');
    // A second passkey for the signed-in account: its options are logged in the account's history.
    const creation = await agent.post('/api/registration/options', {
      username: 'schema',
      hints: ['client-device'],
      attestation: 'indirect',
    });
    const options = await agent.post('/api/authentication/options', { username: 'schema', strategy: 'best-practice' });
    const history = await agent.get('/api/account/ceremonies');
    const logged = (kind: string) =>
      history.body.ceremonies.find((entry: { kind: string }) => entry.kind === kind).options;
    expect(creation.body).toEqual(logged('registration.options'));
    expect(options.body).toEqual(logged('authentication.options'));
    const spec = JSON.parse((await lab.app.inject({ url: '/api/docs/json' })).body) as {
      paths: Record<string, { post: { responses: Record<string, unknown> } }>;
    };
    for (const path of [
      '/api/registration/options',
      '/api/registration/verify',
      '/api/authentication/options',
      '/api/authentication/verify',
      '/api/authentication/failure',
    ]) {
      expect(spec.paths[path]?.post.responses['200'], path).toBeDefined();
    }
  });

  it('records a backup-state change', async () => {
    const authenticator = new SoftAuthenticator({ origin: TEST_ORIGIN, backupEligible: true, backedUp: false });
    const agent = new Agent(lab.app);
    await signUp(agent, authenticator, 'syncing');
    authenticator.options.backedUp = true;
    const options = await agent.post('/api/authentication/options', { username: 'syncing' });
    expect(
      (await agent.post('/api/authentication/verify', { response: authenticator.getAssertion(options.body) })).status,
    ).toBe(200);
    const account = await agent.get('/api/account');
    expect(account.body.credentials[0].backedUp).toBe(true);
    const history = await agent.get('/api/account/ceremonies');
    const login = history.body.ceremonies.find((c: { kind: string }) => c.kind === 'authentication.verify');
    expect(login.detail.backupStateChanged).toEqual({ from: false, to: true });
  });

  it('refuses a credential of another account offered for a username-first login', async () => {
    await registeredPhone('alice');
    const bob = await registeredPhone('bob');
    const pc = new Agent(lab.app);
    const options = await pc.post('/api/authentication/options', { username: 'alice' });
    const verify = await pc.post('/api/authentication/verify', {
      response: bob.authenticator.getAssertion({ ...options.body, allowCredentials: [] }),
    });
    expect(verify.status).toBe(403);
    expect(verify.body.error.code).toBe('credential_not_allowed');
  });

  it("refuses a user handle that is not the credential owner's", async () => {
    const { authenticator } = await registeredPhone('owner');
    const pc = new Agent(lab.app);
    // Usernameless: the id and the handle are looked up together, and a pair that is not an owner's is unknown (an
    // answer apart would tell a stranger that the id is a real passkey: tests/api/enumeration.test.ts).
    const options = await pc.post('/api/authentication/options', {});
    const response = authenticator.getAssertion(options.body);
    response.response.userHandle = Buffer.alloc(32, 7).toString('base64url');
    const verify = await pc.post('/api/authentication/verify', { response });
    expect(verify.status).toBe(400);
    expect(verify.body.error.code).toBe('unknown_credential');
    // Username-first: the listed passkey answered with someone else's handle.
    const named = await pc.post('/api/authentication/options', { username: 'owner' });
    const answered = authenticator.getAssertion(named.body);
    answered.response.userHandle = Buffer.alloc(32, 7).toString('base64url');
    const refused = await pc.post('/api/authentication/verify', { response: answered });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('user_handle_mismatch');
  });

  it('answers an unknown username like a known one, stably', async () => {
    await registeredPhone('known');
    const known = await new Agent(lab.app).post('/api/authentication/options', { username: 'known' });
    const unknownA = await new Agent(lab.app).post('/api/authentication/options', { username: 'nobody' });
    const unknownB = await new Agent(lab.app).post('/api/authentication/options', { username: 'nobody' });
    expect(unknownA.status).toBe(known.status);
    // Same fields, same kinds of values: nothing in the shape tells the two apart. (Counts, ID lengths and transports
    // vary for real accounts too; tests/api/enumeration.test.ts checks fakes take every real shape.)
    const shape = (body: Record<string, unknown>) => ({
      keys: Object.keys(body).sort(),
      entries: (body.allowCredentials as { id: string; type: string; transports?: string[] }[]).map((entry) => ({
        keys: Object.keys(entry)
          .filter((key) => key !== 'transports')
          .sort(),
        type: entry.type,
      }))[0],
      rest: { ...body, challenge: typeof body.challenge, allowCredentials: undefined },
    });
    expect(shape(unknownA.body)).toEqual(shape(known.body));
    expect(unknownA.body.allowCredentials).toEqual(unknownB.body.allowCredentials);
    expect(Object.keys(unknownA.headers).sort()).toEqual(Object.keys(known.headers).sort());
  });

  it('gives unknown usernames varied but stable fake credentials', async () => {
    const transports = new Set<string>();
    const counts = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const first = await new Agent(lab.app).post('/api/authentication/options', { username: `ghost-${i}` });
      const again = await new Agent(lab.app).post('/api/authentication/options', { username: `ghost-${i}` });
      expect(again.body.allowCredentials).toEqual(first.body.allowCredentials);
      counts.add(first.body.allowCredentials.length);
      for (const entry of first.body.allowCredentials) transports.add(JSON.stringify(entry.transports));
    }
    // Counts beyond two like real accounts (tests/api/enumeration.test.ts checks the shapes against real ones).
    expect(counts.size).toBeGreaterThan(2);
    expect(transports.size).toBeGreaterThan(1);
  });
  it('refuses a login-failure report naming a signup challenge, and leaves the signup to finish', async () => {
    const agent = new Agent(lab.app);
    const options = await agent.post('/api/registration/options', { username: 'midway' });
    const report = await agent.post('/api/authentication/failure', {
      name: 'NotAllowedError',
      challenge: options.body.challenge,
    });
    expect(report.status).toBe(400);
    expect(report.body.error.code).toBe('wrong_ceremony');
    const verify = await agent.post('/api/registration/verify', { response: phone().createCredential(options.body) });
    expect(verify.status).toBe(200);
  });
});

describe('session', () => {
  it('rotates the session id at sign-in and forgets it at logout', async () => {
    const agent = new Agent(lab.app);
    const authenticator = phone();
    // Signed in once: the browser now presents a session cookie. (Anonymous page views make no session: issue 15.)
    const registration = await agent.post('/api/registration/options', { username: 'rotating' });
    await agent.post('/api/registration/verify', { response: authenticator.createCredential(registration.body) });
    // Live sessions: a replaced or signed-out id stays behind only as a tombstone (db/sessions.ts).
    const live = 'SELECT id FROM sessions WHERE revoked = 0';
    const before = lab.db.prepare(live).all() as { id: string }[];
    const options = await agent.post('/api/authentication/options', { username: 'rotating' });
    await agent.post('/api/authentication/verify', { response: authenticator.getAssertion(options.body) });
    const after = lab.db.prepare(live).all() as { id: string }[];
    expect(before).toHaveLength(1);
    expect(after.map((row) => row.id)).not.toContain(before[0]!.id);
    expect((await agent.post('/api/session/logout')).status).toBe(200);
    expect((await agent.get('/api/session')).body.user).toBeNull();
  });

  it('signs a cookie-less browser in with one new session whose id was never sent before', async () => {
    const agent = new Agent(lab.app);
    const options = await agent.post('/api/registration/options', { username: 'fresh-browser' });
    expect(String(options.headers['set-cookie'])).not.toContain('lab_session=');
    const verify = await agent.post('/api/registration/verify', { response: phone().createCredential(options.body) });
    const rows = lab.db.prepare('SELECT id, data FROM sessions').all() as { id: string; data: string }[];
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ username: 'fresh-browser', assurance: 'high' });
    const cookie = [verify.headers['set-cookie']]
      .flat()
      .map(String)
      .find((c) => c.startsWith('lab_session='))!;
    expect(sessionRowKey(cookie.split(';')[0]!.slice('lab_session='.length))).toBe(rows[0]!.id);
    expect((await agent.get('/api/session')).body.user.username).toBe('fresh-browser');
  });
});
