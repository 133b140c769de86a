import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Lab } from '../../server/app.js';
import { Agent, startTestLabWithInbox, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// A session lives no longer than the passkey that signed it in (docs/security.md, "Sessions"): deleting a passkey
// ends the account's other sessions signed in with it, in the deletion's transaction. Found by the security review of
// session 10: the recovering party's session kept passkey assurance after the owner deleted its passkey, and used it
// to add another passkey and sign the owner out everywhere. One lab; each test has its own account.

let lab: Lab;
let inbox: { username: string; code: string }[];
beforeAll(async () => {
  ({ lab, inbox } = await startTestLabWithInbox());
});
afterAll(async () => {
  await lab.app.close();
});

const key = () => new SoftAuthenticator({ origin: TEST_ORIGIN });
const idOf = (authenticator: SoftAuthenticator) => Buffer.from(authenticator.credentials[0]!.id).toString('base64url');

/** Signs up, or adds a passkey from a signed-in session; returns the verify reply. */
async function register(agent: Agent, authenticator: SoftAuthenticator, username: string) {
  const options = await agent.post('/api/registration/options', { username });
  if (options.status !== 200) return options;
  return agent.post('/api/registration/verify', { response: authenticator.createCredential(options.body) });
}
async function login(agent: Agent, authenticator: SoftAuthenticator, username: string) {
  const options = await agent.post('/api/authentication/options', { username });
  const verify = await agent.post('/api/authentication/verify', { response: authenticator.getAssertion(options.body) });
  expect(verify.status, JSON.stringify(verify.body)).toBe(200);
}
const deletePasskey = (agent: Agent, authenticator: SoftAuthenticator) =>
  agent.request('DELETE', `/api/account/credentials/${idOf(authenticator)}`);
const rename = (agent: Agent, authenticator: SoftAuthenticator) =>
  agent.request('PATCH', `/api/account/credentials/${idOf(authenticator)}`, { label: 'renamed' });
const passkeysOf = (username: string) =>
  lab.repos.credentials.listForAccount(lab.repos.accounts.findByUsername(username)!.id).map((c) => c.id);

it("the owner deleting the recovering party's passkey ends the session signed in with it", async () => {
  const oldKey = key();
  expect((await register(new Agent(lab.app), oldKey, 'victim')).status).toBe(200);

  // The recovering party: identity proofing, then its own passkey (its session is now high, backed by newKey).
  const attacker = new Agent(lab.app);
  expect((await attacker.post('/api/recovery/code', { username: 'victim' })).status).toBe(202);
  const code = inbox.filter((message) => message.username === 'victim').at(-1)!.code;
  expect((await attacker.post('/api/recovery/identity-proofing', { username: 'victim', code })).status).toBe(200);
  const newKey = key();
  expect((await register(attacker, newKey, 'victim')).status).toBe(200);
  expect((await attacker.get('/api/session')).body).toMatchObject({ method: 'passkey', assurance: 'high' });

  // The owner comes back with the passkey from before the recovery and deletes the recovering party's.
  const owner = new Agent(lab.app);
  await login(owner, oldKey, 'victim');
  const removed = await deletePasskey(owner, newKey);
  expect(removed.status, JSON.stringify(removed.body)).toBe(200);

  // The recovering party is signed out: no new passkey, no signing the owner out.
  expect((await attacker.get('/api/session')).body.user).toBeNull();
  expect((await attacker.get('/api/account')).status).toBe(401);
  expect((await register(attacker, key(), 'victim')).status).toBe(401);
  expect((await attacker.post('/api/session/logout-everywhere', {})).status).toBe(401);
  expect((await owner.get('/api/session')).body).toMatchObject({ user: { username: 'victim' }, assurance: 'high' });
  expect(passkeysOf('victim')).toEqual([idOf(oldKey)]);
  expect(removed.body.revokedSessions).toBe(1);
  const history = await owner.get('/api/account/ceremonies');
  const entry = history.body.ceremonies.find((ceremony: { kind: string }) => ceremony.kind === 'credential.delete');
  expect(entry.detail).toMatchObject({ credentialId: idOf(newKey), revokedSessions: 1 });
});

it('deleting the passkey this session signed in with keeps it signed in at low assurance; only sessions of that passkey end', async () => {
  const keyA = key();
  const keyB = key();
  const me = new Agent(lab.app);
  expect((await register(me, keyA, 'two-keys')).status).toBe(200);
  expect((await register(me, keyB, 'two-keys')).status).toBe(200);
  const otherWithA = new Agent(lab.app);
  await login(otherWithA, keyA, 'two-keys');
  const otherWithB = new Agent(lab.app);
  await login(otherWithB, keyB, 'two-keys');

  const removed = await deletePasskey(me, keyA);
  expect(removed.status, JSON.stringify(removed.body)).toBe(200);

  // This session stays, without the deleted passkey's strength: passkey-level changes need a step-up first.
  expect((await me.get('/api/session')).body).toMatchObject({ user: { username: 'two-keys' }, assurance: 'low' });
  expect((await me.get('/api/account')).status).toBe(200);
  const refused = await rename(me, keyB);
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('step_up_required');
  expect((await register(me, key(), 'two-keys')).status).toBe(403);

  // The other session signed in with the deleted passkey ended; the one signed in with the other passkey did not.
  expect((await otherWithA.get('/api/session')).body.user).toBeNull();
  expect((await otherWithB.get('/api/session')).body).toMatchObject({
    user: { username: 'two-keys' },
    assurance: 'high',
  });
  expect((await rename(otherWithB, keyB)).status).toBe(200);

  expect(removed.body.revokedSessions).toBe(1);

  // A step-up with the remaining passkey gives this browser passkey assurance again.
  await login(me, keyB, 'two-keys');
  expect((await rename(me, keyB)).status).toBe(200);
});

it('a session whose passkey is gone does not pass passkey assurance, even if it escaped the deletion', async () => {
  const keyA = key();
  const keyB = key();
  const owner = new Agent(lab.app);
  expect((await register(owner, keyA, 'escaped')).status).toBe(200);
  expect((await register(owner, keyB, 'escaped')).status).toBe(200);
  const other = new Agent(lab.app);
  await login(other, keyB, 'escaped');
  const row = lab.db
    .prepare("SELECT id, data, expires_at FROM sessions WHERE json_extract(data, '$.passkeyId') = ?")
    .get(idOf(keyB)) as { id: string; data: string; expires_at: number };

  expect((await deletePasskey(owner, keyB)).status).toBe(200);
  // What a reply of that session, loaded before the deletion, does when it saves the session after the deletion ended
  // it (an upsert of the row as that reply loaded it): the tombstone stays (db/sessions.ts).
  const sessionId = other.cookie('lab_session')!;
  lab.repos.sessions.set(sessionId, JSON.parse(row.data), row.expires_at);
  expect(lab.repos.sessions.get(sessionId)).toBeUndefined();
  // A row that escaped the deletion all the same (written past the repository): the assurance check still refuses it.
  lab.db.prepare('DELETE FROM sessions WHERE id = ?').run(row.id);
  lab.db.prepare('INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?)').run(row.id, row.data, row.expires_at);
  expect((await other.get('/api/session')).body).toMatchObject({ user: { username: 'escaped' }, assurance: 'high' });

  for (const reply of [
    await other.post('/api/session/logout-everywhere', {}),
    await rename(other, keyA),
    await deletePasskey(other, keyA),
    await register(other, key(), 'escaped'),
  ]) {
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('passkey_removed');
  }
  expect((await owner.get('/api/session')).body).toMatchObject({ user: { username: 'escaped' }, assurance: 'high' });
  expect(passkeysOf('escaped')).toEqual([idOf(keyA)]);
});
