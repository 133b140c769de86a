import { cookieDigest } from './cookie-digest.js';
import type { Db } from './database.js';

interface SessionRow {
  data: string;
  expires_at: number;
}

/**
 * A session's row key: the id's first 9 characters — its creation time (plugins/session.ts, timeOrderedSessionId),
 * not secret — then the digest of the whole id. A new session then still lands on the last page of the sessions
 * B-tree; keyed by the digest alone, every sign-in wrote a random page (twice the bytes per login).
 */
export const sessionRowKey = (id: string): string => id.slice(0, 9) + cookieDigest(id);

/**
 * Session storage for @fastify/session: sessions survive a restart like the rest of the lab's data. Every method takes
 * the session id the cookie carries; a row is keyed by sessionRowKey, never by the id itself.
 */
export function sessionRepository(db: Db) {
  const get = db.prepare<[string], SessionRow>('SELECT data, expires_at FROM sessions WHERE id = ? AND revoked = 0');
  // A revoked session is left alone: its own request, still under way when it was revoked, must not save it back.
  const upsert = db.prepare<[string, string, number]>(
    'INSERT INTO sessions (id, data, expires_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at WHERE revoked = 0',
  );
  // Revoking keeps the id as a tombstone until it would have expired (migration 011); the data goes.
  const revoked = "revoked = 1, data = '{}'";
  const remove = db.prepare<[string]>(`UPDATE sessions SET ${revoked} WHERE id = ? AND revoked = 0`);
  const purge = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at < ?');
  const revokeAll = db.prepare<[number]>(
    `UPDATE sessions SET ${revoked} WHERE json_extract(data, '$.userId') = ? AND revoked = 0`,
  );
  const revokeOthers = db.prepare<[number, string]>(
    `UPDATE sessions SET ${revoked} WHERE json_extract(data, '$.userId') = ? AND id != ? AND revoked = 0`,
  );
  const revokeByPasskey = db.prepare<[number, string, string]>(
    `UPDATE sessions SET ${revoked} WHERE json_extract(data, '$.userId') = ? AND json_extract(data, '$.passkeyId') = ? AND id != ? AND revoked = 0`,
  );
  const revokeByMethod = db.prepare<[number, string, string]>(
    `UPDATE sessions SET ${revoked} WHERE json_extract(data, '$.userId') = ? AND json_extract(data, '$.method') = ? AND id != ? AND revoked = 0`,
  );
  // The UPDATE is the check: of two registrations racing on one recovered session, only the first changes the row.
  const useRecovered = db.prepare<[string]>(
    "UPDATE sessions SET data = json_remove(data, '$.recovered') WHERE id = ? AND json_extract(data, '$.recovered') = 1",
  );

  return {
    get: (id: string, now = Date.now()): unknown => {
      const row = get.get(sessionRowKey(id));
      if (!row || row.expires_at < now) return undefined;
      return JSON.parse(row.data) as unknown;
    },
    set: (id: string, data: unknown, expiresAt: number) => {
      upsert.run(sessionRowKey(id), JSON.stringify(data), expiresAt);
    },
    destroy: (id: string) => {
      remove.run(sessionRowKey(id));
    },
    purgeExpired: (now = Date.now()) => purge.run(now).changes,
    /** Signs the account out everywhere ("sign out everywhere"). */
    revokeAll: (userId: number) => revokeAll.run(userId).changes,
    /** Signs the account out everywhere except the session doing the recovery. */
    revokeOtherSessions: (userId: number, keepSessionId: string) =>
      revokeOthers.run(userId, sessionRowKey(keepSessionId)).changes,
    /** A passkey was deleted: the account's other sessions signed in with it end (in the deletion's transaction). */
    revokeSignedInWithPasskey: (userId: number, passkeyId: string, keepSessionId: string) =>
      revokeByPasskey.run(userId, passkeyId, sessionRowKey(keepSessionId)).changes,
    /** A login was unlinked: the account's other sessions signed in through it ('social:google') end with it. */
    revokeSignedInWithMethod: (userId: number, method: string, keepSessionId: string) =>
      revokeByMethod.run(userId, method, sessionRowKey(keepSessionId)).changes,
    /**
     * Uses up a recovered session's one passkey without step-up; false if it was used already (or the session is
     * gone). Call inside the registration's transaction.
     */
    useRecoveredAllowance: (sessionId: string) => useRecovered.run(sessionRowKey(sessionId)).changes === 1,
  };
}

export type SessionRepository = ReturnType<typeof sessionRepository>;
