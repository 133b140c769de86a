import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, repositories } from '../../db/index.js';
import { ALICE_LOOK_ALIKES } from '../support/look-alikes.js';

// Migration 005 on a database written before it: every username canonical, look-alikes renamed and reported, no
// account lost, and the skeleton unique from then on.

function databaseAt004() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    listMigrations().filter((m) => m.version <= 4),
  );
  return db;
}

describe('migration 005: canonical usernames', () => {
  it('folds the stored look-alikes of one name into one account; the others are renamed, listed, and kept', () => {
    const db = databaseAt004();
    const insert = db.prepare(
      'INSERT INTO accounts (username, display_name, user_handle, created_at) VALUES (?, ?, ?, ?)',
    );
    // Stored oldest first, but the canonical spelling "alice" is the 5th row: it keeps its name.
    const stored = [
      'ALICE',
      'ａｌｉｃｅ',
      ' alice',
      'ali\u200bce',
      'alice',
      'аlice',
      '\u202eecila',
      'Alice',
      'alice\u00a0',
      'ali\u0307ce',
      'alice ',
      'Bob',
      'асе',
      'ace',
    ];
    expect(new Set(stored.filter((name) => ALICE_LOOK_ALIKES.includes(name))).size).toBe(11);
    stored.forEach((name, index) => insert.run(name, `display ${index}`, `handle-${index}`, index));
    db.prepare(
      `INSERT INTO sessions VALUES ('s-alice', '{"userId":8,"username":"Alice","assurance":"high"}', 99)`,
    ).run();
    db.prepare(
      "INSERT INTO credentials (id, account_id, public_key, counter, device_type, backed_up, aaguid, attestation_fmt, created_at) VALUES ('cred-of-ALICE', 1, x'00', 0, 'singleDevice', 0, '00000000-0000-0000-0000-000000000000', 'none', 0)",
    ).run();

    // Up to 013: migration 014 ends every stored session (they were keyed by cookie values).
    migrate(
      db,
      listMigrations().filter((m) => m.version <= 13),
    );

    const rows = db.prepare('SELECT id, username, display_name FROM accounts ORDER BY id').all() as {
      id: number;
      username: string;
      display_name: string;
    }[];
    expect(rows).toHaveLength(stored.length); // nobody lost
    expect(rows.find((row) => row.username === 'alice')?.id).toBe(5);
    expect(rows.find((row) => row.username === 'bob')?.id).toBe(12);
    expect(rows.find((row) => row.username === 'асе')?.id).toBe(13); // both canonical: the older keeps its name
    const renamed = rows.filter((row) => row.username.startsWith('renamed-'));
    expect(renamed.map((row) => row.username)).toEqual(renamed.map((row) => `renamed-${row.id}`));
    expect(renamed).toHaveLength(11); // 10 look-alikes of alice + the younger "ace"
    expect(rows.map((row) => row.display_name)).toEqual(stored.map((_, index) => `display ${index}`));

    const collisions = db
      .prepare(
        'SELECT account_id, original_username, renamed_to, reason, collides_with FROM username_collisions ORDER BY account_id',
      )
      .all();
    expect(collisions).toHaveLength(11);
    expect(collisions).toContainEqual({
      account_id: 1,
      original_username: 'ALICE',
      renamed_to: 'renamed-1',
      reason: 'same-name',
      collides_with: 5,
    });
    expect(collisions).toContainEqual({
      account_id: 4,
      original_username: 'ali\u200bce',
      renamed_to: 'renamed-4',
      reason: 'not-allowed:invisible',
      collides_with: null,
    });
    expect(collisions).toContainEqual({
      account_id: 14,
      original_username: 'ace',
      renamed_to: 'renamed-14',
      reason: 'look-alike',
      collides_with: 13,
    });
    // A signed-in session of a renamed account shows its new name.
    expect(
      JSON.parse((db.prepare("SELECT data FROM sessions WHERE id = 's-alice'").get() as { data: string }).data),
    ).toEqual({ userId: 8, username: 'renamed-8', assurance: 'high' });
    // The renamed account keeps its passkey.
    expect(db.prepare("SELECT account_id FROM credentials WHERE id = 'cred-of-ALICE'").get()).toEqual({
      account_id: 1,
    });

    // From now on the skeleton is unique: a look-alike cannot be stored even by a path that forgot to check.
    const repos = repositories(db);
    expect(() => repos.accounts.create('ace', 'x', 'handle-new')).toThrow(/UNIQUE/);
    expect(repos.accounts.findLookAlike('ace')?.username).toBe('асе');
  });

  it('keeps a demo identity linked under two mock ports once, and finds it by provider and subject', () => {
    const db = databaseAt004();
    const insert = db.prepare(
      'INSERT INTO accounts (username, display_name, user_handle, created_at) VALUES (?, ?, ?, ?)',
    );
    insert.run('taro', 'T', 'h1', 0);
    insert.run('jiro', 'J', 'h2', 1);
    const link = db.prepare(
      "INSERT INTO identities (account_id, provider, issuer, subject, linked_at) VALUES (?, 'line', ?, 'U1', ?)",
    );
    link.run(1, 'http://127.0.0.1:4000/line', 0);
    link.run(2, 'http://127.0.0.1:4100/line', 1);
    migrate(db);
    expect(repositories(db).identities.findByProviderSubject('line', 'U1')).toMatchObject({
      accountId: 1,
      issuer: 'http://127.0.0.1:4000/line',
    });
  });
});
