import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, repositories } from '../../db/index.js';

// Migration 009 on a database written before it: skeletons stored as the old code computed them ("b〇b" as "bOb",
// beside "bob"); after it, every skeleton is lower case, the younger look-alike is renamed and listed, nobody is lost.

function databaseAt008() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    listMigrations().filter((m) => m.version <= 8),
  );
  return db;
}

describe('migration 009: lower-case skeletons', () => {
  it('recomputes stored skeletons; a look-alike found now is renamed and reported like 005 did, its passkeys kept', () => {
    const db = databaseAt008();
    // As the code before 009 stored them: the skeleton of "b〇b" and of "taro0" kept a capital O.
    const insert = db.prepare(
      'INSERT INTO accounts (username, username_skeleton, display_name, user_handle, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    insert.run('bob', 'bob', 'Bob', 'h1', 1);
    insert.run('b\u3007b', 'bOb', 'Not Bob', 'h2', 2);
    insert.run('taro0', 'taroO', 'Taro zero', 'h3', 3);
    insert.run('hanako', 'hanako', 'Hanako', 'h4', 4);
    db.prepare(
      "INSERT INTO credentials (id, account_id, public_key, counter, device_type, backed_up, aaguid, attestation_fmt, created_at) VALUES ('cred-2', 2, x'00', 0, 'singleDevice', 0, '00000000-0000-0000-0000-000000000000', 'none', 0)",
    ).run();
    db.prepare(
      `INSERT INTO sessions VALUES ('s-2', '{"userId":2,"username":"b\u3007b","assurance":"high"}', 99)`,
    ).run();

    // Up to 013: migration 014 ends every stored session (they were keyed by cookie values).
    migrate(
      db,
      listMigrations().filter((m) => m.version <= 13),
    );

    const rows = db
      .prepare('SELECT id, username, username_skeleton AS skeleton, display_name FROM accounts ORDER BY id')
      .all();
    expect(rows).toEqual([
      { id: 1, username: 'bob', skeleton: 'bob', display_name: 'Bob' },
      { id: 2, username: 'renamed-2', skeleton: expect.any(String), display_name: 'Not Bob' },
      { id: 3, username: 'taro0', skeleton: 'taroo', display_name: 'Taro zero' },
      { id: 4, username: 'hanako', skeleton: 'hanako', display_name: 'Hanako' },
    ]);
    expect(
      db
        .prepare('SELECT account_id, original_username, renamed_to, reason, collides_with FROM username_collisions')
        .all(),
    ).toEqual([
      { account_id: 2, original_username: 'b\u3007b', renamed_to: 'renamed-2', reason: 'look-alike', collides_with: 1 },
    ]);
    expect(db.prepare("SELECT account_id FROM credentials WHERE id = 'cred-2'").get()).toEqual({ account_id: 2 });
    expect(
      JSON.parse((db.prepare("SELECT data FROM sessions WHERE id = 's-2'").get() as { data: string }).data).username,
    ).toBe('renamed-2');

    // The unique index is back: a look-alike cannot be stored even by a path that forgot to check.
    const repos = repositories(db);
    expect(() => repos.accounts.create('tar\u3007o', 'x', 'h-new')).toThrow(/UNIQUE/);
    expect(repos.accounts.findLookAlike('b0b')?.username).toBe('bob');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'accounts_username_skeleton'").get()).toBeDefined();
  });
});
