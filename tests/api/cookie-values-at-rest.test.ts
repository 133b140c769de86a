import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Lab } from '../../server/app.js';
import { proofingCodeKey } from '../../server/recovery/proofing.js';
import { Agent, startTestLabWithInbox, TEST_ORIGIN } from '../support/lab.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// The lab's cookies carry bare ids (server/plugins/cookie-ids.ts); the database keeps only their digests
// (db/cookie-digest.ts), so a read copy of it is no way in (docs/security.md, "Sessions"). Found by session 13's
// review: recovery codes and staff challenges still kept the binding cookie itself.

let lab: Lab;
let inbox: { username: string; code: string }[];
beforeAll(async () => {
  ({ lab, inbox } = await startTestLabWithInbox());
});
afterAll(async () => {
  await lab.app.close();
});

/** Every text value of every table, with where it was found. */
function everyStoredValue(): { table: string; column: string; value: string }[] {
  const tables = lab.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  const found: { table: string; column: string; value: string }[] = [];
  for (const { name } of tables) {
    for (const row of lab.db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row))
        if (typeof value === 'string') found.push({ table: name, column, value });
    }
  }
  return found;
}

it('no table holds a cookie value the lab set: sessions, ceremony, recovery and staff bindings', async () => {
  // The owner signs up, then asks to sign in again (a pending challenge).
  const owner = new Agent(lab.app);
  const key = new SoftAuthenticator({ origin: TEST_ORIGIN });
  const options = await owner.post('/api/registration/options', { username: 'victim' });
  expect((await owner.post('/api/registration/verify', { response: key.createCredential(options.body) })).status).toBe(
    200,
  );
  expect((await owner.post('/api/authentication/options', {})).status).toBe(200);
  // The owner, having lost the passkey on another device, asks for a recovery code there.
  const recovering = new Agent(lab.app);
  expect((await recovering.post('/api/recovery/code', { username: 'victim' })).status).toBe(202);
  // A staff member's browser asks for its sign-in options.
  const staff = new Agent(lab.app);
  expect((await staff.post('/api/staff/login/options', {})).status).toBe(200);

  const cookies = [owner, recovering, staff].flatMap((agent) =>
    ['lab_session', 'lab_ceremony'].map((name) => agent.cookie(name)).filter((v): v is string => v !== undefined),
  );
  expect(cookies.length).toBeGreaterThanOrEqual(4);
  const leaks = everyStoredValue()
    .filter(({ value }) => cookies.some((cookie) => value.includes(cookie)))
    .map(({ table, column }) => `${table}.${column}`);
  expect(leaks).toEqual([]);
});

it("a copy of the data folder cannot finish the owner's pending recovery from another browser", async () => {
  const owner = new Agent(lab.app);
  const key = new SoftAuthenticator({ origin: TEST_ORIGIN });
  const options = await owner.post('/api/registration/options', { username: 'victim2' });
  await owner.post('/api/registration/verify', { response: key.createCredential(options.body) });
  const recovering = new Agent(lab.app);
  expect((await recovering.post('/api/recovery/code', { username: 'victim2' })).status).toBe(202);

  // What a copy of the data folder holds: the row (binding, code HMAC) and secrets.json.
  const accountId = lab.repos.accounts.findByUsername('victim2')!.id;
  const row = lab.db
    .prepare('SELECT binding, code_hmac FROM recovery_codes WHERE account_id = ? ORDER BY id DESC LIMIT 1')
    .get(accountId) as { binding: string; code_hmac: string };
  const codeKey = proofingCodeKey(lab.secrets.sessionSecret);
  // The 8-digit code can be found offline by trying the 10^8 codes against the HMAC with secrets.json's key (minutes
  // on one core); the test checks that the sent code is the one that matches rather than spending the time.
  const code = inbox.at(-1)!.code;
  expect(createHmac('sha256', codeKey).update(`${accountId}:${code}`).digest('base64url')).toBe(row.code_hmac);

  // Another browser, with whatever the row holds as its lab_ceremony cookie.
  const attacker = new Agent(lab.app, { cookie: `lab_ceremony=${row.binding}` });
  const proofing = await attacker.post('/api/recovery/identity-proofing', { username: 'victim2', code });
  expect(proofing.status, JSON.stringify(proofing.body)).not.toBe(200);
});

it("a copy of the database alone cannot use up the owner's recovery code from another browser", async () => {
  const owner = new Agent(lab.app);
  const key = new SoftAuthenticator({ origin: TEST_ORIGIN });
  const options = await owner.post('/api/registration/options', { username: 'victim3' });
  await owner.post('/api/registration/verify', { response: key.createCredential(options.body) });
  const recovering = new Agent(lab.app);
  expect((await recovering.post('/api/recovery/code', { username: 'victim3' })).status).toBe(202);
  const code = inbox.at(-1)!.code;

  const accountId = lab.repos.accounts.findByUsername('victim3')!.id;
  const { binding } = lab.db
    .prepare('SELECT binding FROM recovery_codes WHERE account_id = ? ORDER BY id DESC LIMIT 1')
    .get(accountId) as { binding: string };
  // Five wrong guesses sent with what the row holds as the browser's cookie.
  const attacker = new Agent(lab.app, { cookie: `lab_ceremony=${binding}` });
  const wrong = code === '00000000' ? '00000001' : '00000000';
  for (let i = 0; i < 5; i++)
    await attacker.post('/api/recovery/identity-proofing', { username: 'victim3', code: wrong });
  // The owner's own, right code in the browser that asked for it.
  const own = await recovering.post('/api/recovery/identity-proofing', { username: 'victim3', code });
  expect(own.status, JSON.stringify(own.body)).toBe(200);
});
