import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { accountRepository } from '../../db/accounts.js';
import { ceremonyRepository } from '../../db/ceremonies.js';
import { credentialRepository } from '../../db/credentials.js';
import { listMigrations, migrate, repositories } from '../../db/index.js';
import { newCredential } from '../support/credentials.js';

// Migration 010 on a database written before it: the two login indexes are rebuilt, every row stays, and the
// queries that read them use them (a passkey list without a sort; the history through the account-only index).

function databaseBefore010() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    listMigrations().filter((m) => m.version < 10),
  );
  return db;
}

const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join(' | ');

describe('migration 010: login indexes', () => {
  it('keeps every row; passkeys come out in registration order without a sort, the history by account', () => {
    const db = databaseBefore010();
    // Only the tables this migration touches: the other repositories may read columns added by later migrations.
    const before = {
      accounts: accountRepository(db),
      credentials: credentialRepository(db),
      ceremonies: ceremonyRepository(db),
    };
    const taro = before.accounts.create('taro', 'Taro', 'h1', 1);
    const hanako = before.accounts.create('hanako', 'Hanako', 'h2', 2);
    const passkey = (id: string, accountId: number, createdAt: number) =>
      before.credentials.create(
        newCredential({ id, accountId, label: id, registeredClient: { browser: 'Chrome' } }),
        createdAt,
      );
    // Inserted out of registration order, so the order read back comes from created_at, not from the rowid.
    passkey('late', taro.id, 30);
    passkey('early', taro.id, 10);
    passkey('hers', hanako.id, 20);
    before.ceremonies.record(
      { accountId: null, username: 'taro', kind: 'authentication.options', outcome: 'issued' },
      1,
    );
    before.ceremonies.record(
      { accountId: taro.id, username: 'taro', kind: 'authentication.verify', outcome: 'verified' },
      2,
    );
    before.ceremonies.record(
      { accountId: hanako.id, username: 'hanako', kind: 'registration.verify', outcome: 'verified' },
      3,
    );
    before.ceremonies.record(
      { accountId: taro.id, username: 'taro', kind: 'credential.rename', outcome: 'recorded' },
      4,
    );
    const rowsBefore = {
      credentials: db.prepare('SELECT * FROM credentials ORDER BY id').all(),
      ceremonies: db.prepare('SELECT * FROM ceremonies ORDER BY id').all(),
    };

    expect(migrate(db)).toBe(listMigrations().at(-1)!.version);

    expect(db.prepare('SELECT * FROM credentials ORDER BY id').all()).toEqual(rowsBefore.credentials);
    expect(db.prepare('SELECT * FROM ceremonies ORDER BY id').all()).toEqual(rowsBefore.ceremonies);
    const repos = repositories(db);
    expect(repos.credentials.listForAccount(taro.id).map((c) => c.id)).toEqual(['early', 'late']);
    expect(repos.ceremonies.listForAccount(taro.id).map((e) => e.kind)).toEqual([
      'credential.rename',
      'authentication.verify',
    ]);
    expect(repos.ceremonies.listForAccount(hanako.id).map((e) => e.kind)).toEqual(['registration.verify']);

    const passkeys = plan(db, 'SELECT * FROM credentials WHERE account_id = ? ORDER BY created_at', taro.id);
    expect(passkeys).toContain('USING INDEX credentials_account');
    expect(passkeys).not.toContain('TEMP B-TREE');
    expect(plan(db, 'SELECT * FROM ceremonies WHERE account_id = ? ORDER BY id DESC LIMIT ?', taro.id, 50)).toBe(
      'SEARCH ceremonies USING INDEX ceremonies_account (account_id=?)',
    );
    // Only entries with an account are in the history index.
    const indexed = db
      .prepare('SELECT COUNT(*) AS n FROM ceremonies INDEXED BY ceremonies_account WHERE account_id > 0')
      .get() as { n: number };
    expect(indexed.n).toBe(3);
    expect(
      (db.prepare('PRAGMA index_list(ceremonies)').all() as { name: string; partial: number }[]).find(
        (index) => index.name === 'ceremonies_account',
      )?.partial,
    ).toBe(1);

    // The foreign keys still find their rows through the new indexes: deleting an account takes its passkeys and
    // keeps its history entries without it.
    db.prepare('DELETE FROM accounts WHERE id = ?').run(taro.id);
    expect(repos.credentials.listForAccount(taro.id)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM ceremonies WHERE account_id IS NULL').get()).toEqual({ n: 3 });
    expect(repos.credentials.listForAccount(hanako.id).map((c) => c.id)).toEqual(['hers']);
  });
});
