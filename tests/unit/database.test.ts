import { cookieDigest } from '../../db/cookie-digest.js';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate, openDatabase, repositories } from '../../db/index.js';
import { newCredential } from '../support/credentials.js';

const dirs: string[] = [];
const tempPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'db-test-'));
  dirs.push(dir);
  return join(dir, 'nested', 'lab.sqlite');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered, applied in order, once, and recorded in user_version', () => {
    const migrations = listMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(migrations.length);
    expect(migrate(db)).toBe(migrations.length); // idempotent
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'accounts',
        'credentials',
        'challenges',
        'ceremonies',
        'sessions',
        'identities',
        'oidc_transactions',
      ]),
    );
  });

  it('013 gives a recovery already on record its week-long hold, and a recovery during a hold keeps its boundary', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      listMigrations().filter((m) => m.version <= 12),
    );
    db.prepare(
      "INSERT INTO accounts (id, username, display_name, user_handle, created_at) VALUES (1, 'a', 'a', 'h', 0)",
    ).run();
    db.prepare('INSERT INTO account_recoveries (account_id, recovered_at) VALUES (1, 1000)').run();
    migrate(db);
    const week = 7 * 24 * 60 * 60 * 1000;
    const recovery = repositories(db).recovery;
    expect(recovery.runningHold(1, 1000 + week)).toEqual({ since: 1000, until: 1000 + week });
    expect(recovery.runningHold(1, 1001 + week)).toBeUndefined();
    // A second recovery within the hold: the boundary stays, the hold lasts a week from it.
    recovery.completeRecovery(1, 5000, 5000 + week);
    expect(recovery.runningHold(1, 5000)).toEqual({ since: 1000, until: 5000 + week });
    // After the hold has ended, a recovery starts a new one.
    recovery.completeRecovery(1, 10 * week, 11 * week);
    expect(recovery.runningHold(1, 10 * week)).toEqual({ since: 10 * week, until: 11 * week });
  });

  it('a failing migration leaves the database at the previous version', () => {
    const db = new Database(':memory:');
    migrate(db, listMigrations().slice(0, 1));
    expect(() =>
      migrate(db, [
        ...listMigrations().slice(0, 1),
        { version: 2, name: '002-broken.sql', sql: 'CREATE TABLE ok (id INTEGER); THIS IS NOT SQL;' },
      ]),
    ).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'ok'").get()).toEqual({ n: 0 });
  });

  it('003 keeps pending challenges and live sessions while making both tables one B-tree each', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      listMigrations().filter((m) => m.version <= 2),
    );
    db.prepare("INSERT INTO challenges VALUES ('c1', 'b', 'authentication', NULL, '{}', 99)").run();
    db.prepare("INSERT INTO sessions VALUES ('s1', '{\"userId\":1}', 99)").run();
    // Up to 013: migration 014 empties both tables (they held cookie values; see its test below).
    migrate(
      db,
      listMigrations().filter((m) => m.version <= 13),
    );
    expect(db.prepare('SELECT challenge, binding, expires_at FROM challenges').all()).toEqual([
      { challenge: 'c1', binding: 'b', expires_at: 99 },
    ]);
    expect(db.prepare('SELECT id, data FROM sessions').all()).toEqual([{ id: 's1', data: '{"userId":1}' }]);
    const withoutRowid = (table: string) =>
      (db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(table) as { sql: string }).sql;
    expect(withoutRowid('challenges')).toMatch(/WITHOUT ROWID/);
    expect(withoutRowid('sessions')).toMatch(/WITHOUT ROWID/);
    expect(
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('challenges', 'sessions') AND sql IS NOT NULL",
        )
        .get(),
    ).toEqual({ n: 0 });
    // 004: the log keeps only its per-account index (failure reports find their options in the pending challenge).
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ceremonies' AND sql IS NOT NULL")
        .all(),
    ).toEqual([{ name: 'ceremonies_account' }]);
  });

  it('opens a file database in WAL mode with foreign keys, creating its folder, and keeps data across reopen', () => {
    const path = tempPath();
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const repos = repositories(db);
    const account = repos.accounts.create('persist', 'Persist', 'handle');
    repos.credentials.create(
      newCredential({
        id: 'cred-1',
        accountId: account.id,
        transports: ['hybrid', 'internal'],
        registeredClient: { userAgent: 'x' },
      }),
    );
    db.close();
    const reopened = repositories(openDatabase(path));
    expect(reopened.credentials.findById('cred-1')).toMatchObject({
      transports: ['hybrid', 'internal'],
      backedUp: true,
      credPropsRk: true,
      publicKey: new Uint8Array([1, 2, 3]),
    });
  });

  // The login's verify records the use in the transaction that signs in: a passkey deleted while its signature was
  // being checked must not sign anyone in (server/webauthn/authentication-routes.ts refuses when this is false).
  it('records a passkey use only while the passkey exists', () => {
    const repos = repositories(openDatabase(':memory:'));
    const account = repos.accounts.create('uses', 'Uses', 'handle');
    repos.credentials.create(newCredential({ id: 'cred-use', accountId: account.id }));
    expect(repos.credentials.recordUse('cred-use', 1, true, 10)).toBe(true);
    repos.credentials.remove('cred-use', account.id);
    expect(repos.credentials.recordUse('cred-use', 2, true, 20)).toBe(false);
  });

  it('consumes a challenge exactly once', () => {
    const repos = repositories(openDatabase(':memory:'));
    repos.challenges.save({
      challenge: 'c1',
      binding: 's',
      ceremony: 'authentication',
      accountId: null,
      context: {},
      expiresAt: Date.now() + 1000,
    });
    expect(repos.challenges.take('c1', 'other')).toBeUndefined();
    expect(repos.challenges.take('c1', 's')?.binding).toBe('s');
    expect(repos.challenges.take('c1', 's')).toBeUndefined();
  });

  it("deletes an account's credentials and links with it (foreign keys)", () => {
    const db = openDatabase(':memory:');
    const repos = repositories(db);
    const account = repos.accounts.create('gone', 'Gone', 'h');
    repos.identities.link(account.id, 'line', 'https://issuer', 'sub', null);
    db.prepare('DELETE FROM accounts WHERE id = ?').run(account.id);
    expect(repos.identities.findByProviderSubject('line', 'sub')).toBeUndefined();
  });

  it('011 keeps live sessions; a signed-out or revoked session is never saved back, and goes when it expires', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      listMigrations().filter((m) => m.version < 11),
    );
    db.prepare('INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?)').run('before', '{"userId":1}', 100);
    migrate(
      db,
      listMigrations().filter((m) => m.version <= 13),
    );
    expect(db.prepare('SELECT id, revoked FROM sessions').all()).toEqual([{ id: 'before', revoked: 0 }]);
    migrate(db);
    const sessions = repositories(db).sessions;

    sessions.set('a', { userId: 7 }, 100);
    sessions.set('b', { userId: 7 }, 100);
    sessions.set('c', { userId: 7 }, 200);
    sessions.destroy('a');
    expect(sessions.revokeAll(7)).toBe(2);
    for (const id of ['a', 'b', 'c']) {
      sessions.set(id, { userId: 7, started: true }, 300); // the save at the end of a request already under way
      expect(sessions.get(id, 50)).toBeUndefined();
    }
    expect(sessions.revokeAll(7)).toBe(0);
    expect(sessions.purgeExpired(150)).toBe(2); // 'a' and 'b'; 'c' stays a tombstone until 200
    expect(sessions.purgeExpired(250)).toBe(1);
  });

  it('014 ends every session, pending challenge, fallback login and recovery code stored with cookie values; accounts stay', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      listMigrations().filter((m) => m.version <= 13),
    );
    db.prepare(
      "INSERT INTO accounts (username, display_name, user_handle, created_at) VALUES ('taro', 'T', 'h', 0)",
    ).run();
    db.prepare("INSERT INTO sessions (id, data, expires_at) VALUES ('raw-id', '{\"userId\":1}', 9e12)").run();
    db.prepare("INSERT INTO challenges VALUES ('c1', 'raw-binding', 'authentication', NULL, '{}', 9e12)").run();
    db.prepare(
      "INSERT INTO oidc_transactions (state, session_id, provider, purpose, code_verifier, nonce, issuer, account_id, expires_at) VALUES ('st', 'raw-id', 'line', 'login', 'v', 'n', 'i', NULL, 9e12)",
    ).run();
    db.prepare("INSERT INTO staff_challenges VALUES ('c2', 'raw-binding', 'login', '{}', 9e12)").run();
    db.prepare(
      "INSERT INTO recovery_codes (account_id, binding, code_hmac, created_at, expires_at) VALUES (1, 'raw-binding', 'h', 5, 9e12)",
    ).run();
    migrate(db);
    // A recovery code stays for the sending cap, spent and without its browser.
    expect(db.prepare('SELECT binding, used_at FROM recovery_codes').all()).toEqual([{ binding: '', used_at: 5 }]);
    for (const table of ['sessions', 'challenges', 'oidc_transactions', 'staff_challenges']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    expect(db.prepare('SELECT username FROM accounts').all()).toEqual([{ username: 'taro' }]);
  });
});

describe('cookie values at rest', () => {
  it('keeps sessions, challenge bindings and fallback logins under digests, never the ids the cookies carry', () => {
    const db = openDatabase(':memory:');
    const repos = repositories(db);
    const sessionId = 'mcd0h5u2xAbCdEfGhIjKlMnOpQrStUvWx';
    const binding = 'BbCcDdEeFfGgHhIiJjKkLlMm';
    repos.sessions.set(sessionId, { userId: 1 }, 9e12);
    repos.challenges.save({
      challenge: 'c1',
      binding,
      ceremony: 'authentication',
      accountId: null,
      context: {},
      expiresAt: 9e12,
    });
    repos.oidcTransactions.save({
      state: 'st',
      sessionId,
      provider: 'line',
      purpose: 'login',
      codeVerifier: 'v',
      nonce: 'n',
      issuer: 'i',
      accountId: null,
      expiresAt: 9e12,
    });

    const everything = JSON.stringify([
      db.prepare('SELECT * FROM sessions').all(),
      db.prepare('SELECT * FROM challenges').all(),
      db.prepare('SELECT * FROM oidc_transactions').all(),
    ]);
    expect(everything).not.toContain(sessionId);
    expect(everything).not.toContain(binding);
    const stored = (db.prepare('SELECT id FROM sessions').get() as { id: string }).id;
    // Its creation time (not secret) first, so new sessions append to the table's B-tree; then the digest.
    expect(stored).toBe(sessionId.slice(0, 9) + cookieDigest(sessionId));
    // The repositories still answer to the ids themselves, and to nothing else (a digest presented as an id).
    expect(repos.sessions.get(sessionId)).toEqual({ userId: 1 });
    expect(repos.sessions.get(stored)).toBeUndefined();
    expect(repos.oidcTransactions.find('st', cookieDigest(sessionId))).toBeUndefined();
    expect(repos.oidcTransactions.take('st', sessionId)).toMatchObject({ state: 'st', sessionId });
    expect(repos.challenges.take('c1', cookieDigest(binding))).toBeUndefined();
    expect(repos.challenges.take('c1', binding)).toMatchObject({ challenge: 'c1', binding });
  });
});
