import { cookieDigest } from './cookie-digest.js';
import type { Db } from './database.js';

export type CeremonyKind = 'registration' | 'authentication';

export interface PendingChallenge {
  challenge: string;
  /** The browser the challenge was issued to (session/browser-binding.ts); stored as its digest (cookie-digest.ts). */
  binding: string;
  ceremony: CeremonyKind;
  accountId: number | null;
  context: Record<string, unknown>;
  expiresAt: number;
}

interface ChallengeRow {
  challenge: string;
  binding: string;
  ceremony: string;
  account_id: number | null;
  context: string;
  expires_at: number;
}

export function challengeRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO challenges (challenge, binding, ceremony, account_id, context, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // One statement: whoever deletes the row owns the challenge, so a replay or a concurrent double-submit loses; and
  // only the browser it was issued to can delete it, so a stranger holding the challenge cannot cancel the ceremony.
  const take = db.prepare<[string, string], ChallengeRow>(
    'DELETE FROM challenges WHERE challenge = ? AND binding = ? RETURNING *',
  );
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM challenges WHERE challenge = ?');
  const purge = db.prepare<[number]>('DELETE FROM challenges WHERE expires_at < ?');

  return {
    save: (pending: PendingChallenge) => {
      insert.run(
        pending.challenge,
        cookieDigest(pending.binding),
        pending.ceremony,
        pending.accountId,
        JSON.stringify(pending.context),
        pending.expiresAt,
      );
    },
    /**
     * Removes and returns the challenge if it was issued to this browser binding; it can never be used again,
     * whatever the outcome. A challenge issued to another browser is left untouched.
     */
    take: (challenge: string, binding: string): PendingChallenge | undefined => {
      const row = take.get(challenge, cookieDigest(binding));
      if (!row) return undefined;
      return {
        challenge: row.challenge,
        binding,
        ceremony: row.ceremony as CeremonyKind,
        accountId: row.account_id,
        context: JSON.parse(row.context) as Record<string, unknown>,
        expiresAt: row.expires_at,
      };
    },
    /** Whether a challenge is pending at all (read only: to tell "not yours" from "unknown" after a failed take). */
    isPending: (challenge: string): boolean => exists.get(challenge) !== undefined,
    purgeExpired: (now = Date.now()) => purge.run(now).changes,
  };
}
