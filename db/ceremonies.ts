import type { Db } from './database.js';

export type CeremonyOutcome = 'issued' | 'verified' | 'rejected' | 'cancelled' | 'timed-out' | 'error' | 'recorded';

export interface CeremonyRecord {
  accountId: number | null;
  username: string | null;
  kind: string;
  outcome: CeremonyOutcome;
  errorCode?: string | null;
  options?: unknown;
  response?: unknown;
  client?: unknown;
  prediction?: unknown;
  detail?: unknown;
}

export interface CeremonyEntry extends CeremonyRecord {
  id: number;
  createdAt: number;
}

interface CeremonyRow {
  id: number;
  account_id: number | null;
  username: string | null;
  kind: string;
  outcome: string;
  error_code: string | null;
  challenge: string | null;
  options: string | null;
  response: string | null;
  client: string | null;
  prediction: string | null;
  detail: string | null;
  created_at: number;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as unknown));

export function ceremonyRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO ceremonies (account_id, username, kind, outcome, error_code, challenge, options, response, client, prediction, detail, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const forAccount = db.prepare<[number, number], CeremonyRow>(
    'SELECT * FROM ceremonies WHERE account_id = ? ORDER BY id DESC LIMIT ?',
  );

  const toEntry = (row: CeremonyRow): CeremonyEntry => ({
    id: row.id,
    accountId: row.account_id,
    username: row.username,
    kind: row.kind,
    outcome: row.outcome as CeremonyOutcome,
    errorCode: row.error_code,
    options: parse(row.options),
    response: parse(row.response),
    client: parse(row.client),
    prediction: parse(row.prediction),
    detail: parse(row.detail),
    createdAt: row.created_at,
  });

  return {
    record: (entry: CeremonyRecord, now = Date.now()): number =>
      Number(
        insert.run(
          entry.accountId,
          entry.username,
          entry.kind,
          entry.outcome,
          entry.errorCode ?? null,
          entry.kind.endsWith('.options')
            ? ((entry.options as { challenge?: string } | undefined)?.challenge ?? null)
            : null,
          json(entry.options),
          json(entry.response),
          json(entry.client),
          json(entry.prediction),
          json(entry.detail),
          now,
        ).lastInsertRowid,
      ),
    listForAccount: (accountId: number, limit = 50) => forAccount.all(accountId, limit).map(toEntry),
  };
}

export type CeremonyRepository = ReturnType<typeof ceremonyRepository>;
