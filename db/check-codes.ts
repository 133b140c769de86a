import type { Db } from './database.js';

export interface CheckCode {
  /** The name the sender typed: a claim, never checked. */
  username: string | null;
  /** The account the sender's browser was signed in to when sending (migration 009), with its current name. */
  signedInAs: string | null;
  facts: unknown;
  createdAt: number;
  expiresAt: number;
}

interface Row {
  code_hash: string;
  username: string | null;
  facts: string;
  created_at: number;
  expires_at: number;
  signed_in_as: string | null;
}

/** Self-check results sent to support (migration 008), by the hash of their code. */
export function checkCodeRepository(db: Db) {
  const insert = db.prepare<[string, string | null, string, number, number, number | null]>(
    'INSERT INTO check_codes (code_hash, username, facts, created_at, expires_at, account_id) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byHash = db.prepare<[string, number], Row>(
    'SELECT c.*, a.username AS signed_in_as FROM check_codes c LEFT JOIN accounts a ON a.id = c.account_id WHERE c.code_hash = ? AND c.expires_at > ?',
  );
  const purge = db.prepare<[number]>('DELETE FROM check_codes WHERE expires_at < ?');
  return {
    save: (
      codeHash: string,
      username: string | null,
      facts: unknown,
      expiresAt: number,
      accountId: number | null = null,
      now = Date.now(),
    ) => {
      insert.run(codeHash, username, JSON.stringify(facts), now, expiresAt, accountId);
    },
    find: (codeHash: string, now = Date.now()): CheckCode | undefined => {
      const row = byHash.get(codeHash, now);
      return row
        ? {
            username: row.username,
            signedInAs: row.signed_in_as,
            facts: JSON.parse(row.facts) as unknown,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
          }
        : undefined;
    },
    purgeExpired: (now = Date.now()) => purge.run(now).changes,
  };
}
