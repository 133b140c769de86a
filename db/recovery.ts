import { cookieDigest } from './cookie-digest.js';
import type { Db } from './database.js';

export interface PendingRecoveryCode {
  id: number;
  accountId: number;
  codeHmac: string;
  attempts: number;
  expiresAt: number;
}

interface CodeRow {
  id: number;
  account_id: number;
  code_hmac: string;
  attempts: number;
  expires_at: number;
}

/**
 * Identity-proofing codes and each account's recovery hold (migrations 007 and 013). A code's browser is kept as the
 * digest of its binding cookie (cookie-digest.ts); the methods take the binding itself.
 */
export function recoveryRepository(db: Db) {
  const supersede = db.prepare<[number, number, string]>(
    'UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND binding = ? AND used_at IS NULL',
  );
  const insert = db.prepare<[number, string, string, number, number]>(
    'INSERT INTO recovery_codes (account_id, binding, code_hmac, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const countSince = db.prepare<[number, number], { n: number }>(
    'SELECT COUNT(*) AS n FROM recovery_codes WHERE account_id = ? AND created_at >= ?',
  );
  const pending = db.prepare<[number, string, number, number], CodeRow>(
    `SELECT id, account_id, code_hmac, attempts, expires_at FROM recovery_codes
     WHERE account_id = ? AND binding = ? AND used_at IS NULL AND expires_at > ? AND attempts < ? ORDER BY id DESC LIMIT 1`,
  );
  const failed = db.prepare<[number]>('UPDATE recovery_codes SET attempts = attempts + 1 WHERE id = ?');
  const useAll = db.prepare<[number, number]>(
    'UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND used_at IS NULL',
  );
  // In DO UPDATE, a bare column is the stored row's: a hold still running (hold_until >= now) keeps its boundary.
  const recovered = db.prepare<[number, number, number]>(
    `INSERT INTO account_recoveries (account_id, recovered_at, hold_until) VALUES (?, ?, ?)
     ON CONFLICT(account_id) DO UPDATE SET
       recovered_at = CASE WHEN hold_until >= excluded.recovered_at THEN recovered_at ELSE excluded.recovered_at END,
       hold_until = excluded.hold_until`,
  );
  const hold = db.prepare<[number, number], { recovered_at: number; hold_until: number }>(
    'SELECT recovered_at, hold_until FROM account_recoveries WHERE account_id = ? AND hold_until >= ?',
  );
  const purge = db.prepare<[number]>('DELETE FROM recovery_codes WHERE created_at < ?');

  return {
    /** Stores a new code for (account, browser); an earlier one of the same browser stops working. */
    issue: (accountId: number, binding: string, codeHmac: string, now: number, expiresAt: number) => {
      supersede.run(now, accountId, cookieDigest(binding));
      insert.run(accountId, cookieDigest(binding), codeHmac, now, expiresAt);
    },
    /** Codes sent to the account's owner since a time, used or not: the sending cap counts these. */
    countIssuedSince: (accountId: number, since: number) => countSince.get(accountId, since)!.n,
    /** The live code this browser may still try for the account, if any. */
    pending: (
      accountId: number,
      binding: string,
      now: number,
      maxAttempts: number,
    ): PendingRecoveryCode | undefined => {
      const row = pending.get(accountId, cookieDigest(binding), now, maxAttempts);
      return (
        row && {
          id: row.id,
          accountId: row.account_id,
          codeHmac: row.code_hmac,
          attempts: row.attempts,
          expiresAt: row.expires_at,
        }
      );
    },
    recordFailedAttempt: (id: number) => {
      failed.run(id);
    },
    /**
     * The proofing succeeded: every outstanding code of the account is spent and a recovery hold runs until holdUntil.
     * A hold already running keeps its boundary (the first recovery's time) and only lasts longer.
     */
    completeRecovery: (accountId: number, now: number, holdUntil: number) => {
      useAll.run(now, accountId);
      recovered.run(accountId, now, holdUntil);
    },
    /** The account's recovery hold if it runs at `now`: passkeys registered before `since` are the owner's. */
    runningHold: (accountId: number, now: number): { since: number; until: number } | undefined => {
      const row = hold.get(accountId, now);
      return row && { since: row.recovered_at, until: row.hold_until };
    },
    purgeOlderThan: (before: number) => purge.run(before).changes,
  };
}
