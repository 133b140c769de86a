import type { Db } from './database.js';

export type CeremonyKind = 'registration' | 'authentication';

export interface PendingChallenge {
  challenge: string;
  /** The browser the challenge was issued to (webauthn/browser-binding.ts). */
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
  // One statement: whoever deletes the row owns the challenge, so a replay or a concurrent double-submit loses.
  const take = db.prepare<[string], ChallengeRow>('DELETE FROM challenges WHERE challenge = ? RETURNING *');
  const purge = db.prepare<[number]>('DELETE FROM challenges WHERE expires_at < ?');

  return {
    save: (pending: PendingChallenge) => {
      insert.run(
        pending.challenge,
        pending.binding,
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
        binding: row.binding,
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
