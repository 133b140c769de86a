import type { Db } from './database.js';

export type CeremonyKind = 'registration' | 'authentication';

export interface PendingChallenge {
  challenge: string;
  sessionId: string;
  ceremony: CeremonyKind;
  accountId: number | null;
  context: Record<string, unknown>;
  expiresAt: number;
}

interface ChallengeRow {
  challenge: string;
  session_id: string;
  ceremony: string;
  account_id: number | null;
  context: string;
  expires_at: number;
}

export function challengeRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO challenges (challenge, session_id, ceremony, account_id, context, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // One statement: whoever deletes the row owns the challenge, so a replay or a concurrent double-submit loses.
  const take = db.prepare<[string], ChallengeRow>('DELETE FROM challenges WHERE challenge = ? RETURNING *');
  const purge = db.prepare<[number]>('DELETE FROM challenges WHERE expires_at < ?');

  return {
    save: (pending: PendingChallenge) => {
      insert.run(
        pending.challenge,
        pending.sessionId,
        pending.ceremony,
        pending.accountId,
        JSON.stringify(pending.context),
        pending.expiresAt,
      );
    },
    /** Removes and returns the challenge; it can never be used again, whatever the outcome. */
    take: (challenge: string): PendingChallenge | undefined => {
      const row = take.get(challenge);
      if (!row) return undefined;
      return {
        challenge: row.challenge,
        sessionId: row.session_id,
        ceremony: row.ceremony as CeremonyKind,
        accountId: row.account_id,
        context: JSON.parse(row.context) as Record<string, unknown>,
        expiresAt: row.expires_at,
      };
    },
    purgeExpired: (now = Date.now()) => purge.run(now).changes,
  };
}

export type ChallengeRepository = ReturnType<typeof challengeRepository>;
