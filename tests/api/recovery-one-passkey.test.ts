import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Lab } from '../../server/app.js';
import { Agent, startTestLabWithInbox, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// After identity proofing, the session may add ONE passkey without a step-up (docs/security.md, "Recovery"). Found by
// the security review of session 10: two registration verifies sent together both passed, since each compared against
// the session as loaded when it arrived. The allowance is now used up in the saving transaction.

let lab: Lab;
let inbox: { username: string; code: string }[];
beforeAll(async () => {
  ({ lab, inbox } = await startTestLabWithInbox());
});
afterAll(async () => {
  await lab.app.close();
});

const passkeysOf = (username: string) =>
  lab.repos.credentials.listForAccount(lab.repos.accounts.findByUsername(username)!.id).length;

it('a recovered session adds one passkey, even when two verifies race', async () => {
  const owner = new Agent(lab.app);
  const ownerKey = new SoftAuthenticator({ origin: TEST_ORIGIN });
  const options = await owner.post('/api/registration/options', { username: 'victim' });
  expect(
    (await owner.post('/api/registration/verify', { response: ownerKey.createCredential(options.body) })).status,
  ).toBe(200);

  const recovering = new Agent(lab.app);
  expect((await recovering.post('/api/recovery/code', { username: 'victim' })).status).toBe(202);
  const code = inbox.at(-1)!.code;
  expect((await recovering.post('/api/recovery/identity-proofing', { username: 'victim', code })).status).toBe(200);
  const first = new SoftAuthenticator({ origin: TEST_ORIGIN });
  const second = new SoftAuthenticator({ origin: TEST_ORIGIN });
  const firstOptions = await recovering.post('/api/registration/options', { username: 'victim' });
  const secondOptions = await recovering.post('/api/registration/options', { username: 'victim' });
  expect([firstOptions.status, secondOptions.status]).toEqual([200, 200]);

  const replies = await Promise.all([
    recovering.post('/api/registration/verify', { response: first.createCredential(firstOptions.body) }),
    recovering.post('/api/registration/verify', { response: second.createCredential(secondOptions.body) }),
  ]);
  expect(replies.map((reply) => reply.status).sort()).toEqual([200, 403]);
  expect(replies.find((reply) => reply.status === 403)!.body.error).toMatchObject({ code: 'recovery_passkey_used' });
  expect(passkeysOf('victim')).toBe(2);
  // The winner's session is now backed by its new passkey; the refused one left the account as it was.
  expect((await recovering.get('/api/session')).body).toMatchObject({ method: 'passkey', assurance: 'high' });
});

it('the allowance is used up once: the session row loses it in the same transaction that saves the passkey', () => {
  const sessions = lab.repos.sessions;
  sessions.set(
    'recovered-session',
    { userId: 1, method: 'recovery', assurance: 'low', recovered: true },
    Date.now() + 60_000,
  );
  sessions.set('plain-session', { userId: 1, method: 'passkey', assurance: 'high' }, Date.now() + 60_000);
  expect(lab.repos.transaction(() => sessions.useRecoveredAllowance('recovered-session'))).toBe(true);
  expect(lab.repos.transaction(() => sessions.useRecoveredAllowance('recovered-session'))).toBe(false);
  expect(sessions.get('recovered-session')).toEqual({ userId: 1, method: 'recovery', assurance: 'low' });
  expect(sessions.useRecoveredAllowance('plain-session')).toBe(false);
  expect(sessions.useRecoveredAllowance('no-such-session')).toBe(false);
});
