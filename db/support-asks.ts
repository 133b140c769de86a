import type { Db } from './database.js';

/** What support asked a customer to do at their next sign-in (migration 009). */
export type AskKind = 'add-passkey-here';

export interface SupportAsk {
  kind: AskKind;
  askedBy: number;
  askedAt: number;
}

interface Row {
  kind: string;
  asked_by: number;
  asked_at: number;
}

export function supportAskRepository(db: Db) {
  const upsert = db.prepare<[number, string, number, number]>(
    'INSERT INTO support_asks (account_id, kind, asked_by, asked_at) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, kind) DO UPDATE SET asked_by = excluded.asked_by, asked_at = excluded.asked_at',
  );
  const find = db.prepare<[number, string], Row>(
    'SELECT kind, asked_by, asked_at FROM support_asks WHERE account_id = ? AND kind = ?',
  );
  const take = db.prepare<[number, string], Row>(
    'DELETE FROM support_asks WHERE account_id = ? AND kind = ? RETURNING kind, asked_by, asked_at',
  );
  const withdrawBy = db.prepare<[number]>('DELETE FROM support_asks WHERE asked_by = ?');
  const toAsk = (row: Row): SupportAsk => ({ kind: row.kind as AskKind, askedBy: row.asked_by, askedAt: row.asked_at });
  return {
    /** Withdraws every ask a staff member made that is still unanswered (they were removed); returns how many. */
    withdrawBy: (staffId: number) => withdrawBy.run(staffId).changes,
    set: (accountId: number, kind: AskKind, staffId: number, now = Date.now()) => {
      upsert.run(accountId, kind, staffId, now);
    },
    find: (accountId: number, kind: AskKind): SupportAsk | undefined => {
      const row = find.get(accountId, kind);
      return row ? toAsk(row) : undefined;
    },
    /** Removes and returns the ask: done or declined, it is answered once. */
    take: (accountId: number, kind: AskKind): SupportAsk | undefined => {
      const row = take.get(accountId, kind);
      return row ? toAsk(row) : undefined;
    },
  };
}
