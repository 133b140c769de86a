import type { Db } from './database.js';

export interface CheckCode {
  username: string | null;
  facts: unknown;
  createdAt: number;
  expiresAt: number;
}

interface Row { code_hash: string; username: string | null; facts: string; created_at: number; expires_at: number }

/** Self-check results sent to support (migration 008), by the hash of their code. */
export function checkCodeRepository(db: Db) {
  const insert = db.prepare<[string, string | null, string, number, number]>('INSERT INTO check_codes (code_hash, username, facts, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const byHash = db.prepare<[string, number], Row>('SELECT * FROM check_codes WHERE code_hash = ? AND expires_at > ?');
  const purge = db.prepare<[number]>('DELETE FROM check_codes WHERE expires_at < ?');
  return {
    save: (codeHash: string, username: string | null, facts: unknown, expiresAt: number, now = Date.now()) => {
      insert.run(codeHash, username, JSON.stringify(facts), now, expiresAt);
    },
    find: (codeHash: string, now = Date.now()): CheckCode | undefined => {
      const row = byHash.get(codeHash, now);
      return row ? { username: row.username, facts: JSON.parse(row.facts) as unknown, createdAt: row.created_at, expiresAt: row.expires_at } : undefined;
    },
    purgeExpired: (now = Date.now()) => purge.run(now).changes,
  };
}
export type CheckCodeRepository = ReturnType<typeof checkCodeRepository>;
