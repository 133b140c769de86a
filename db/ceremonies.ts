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

/**
 * The entries that change who can get in, or record that someone did: sign-ins (passkey, fallback, recovery), passkeys
 * added and deleted, logins linked, unlinked and confirmed again, signing out everywhere, a new display name (what
 * passkey managers show), a fix support staff applied and the customer's answer to what support asked (any sign-in
 * may answer, a fallback one too, and only once per ask). Only successful outcomes
 * ('verified', 'recorded') count: anyone signed in can make failed attempts and signal reports at will, so those go
 * to the history's other window and can never push a security event out (listForAccount).
 */
const SECURITY_EVENT_KINDS = [
  'authentication.verify',
  'fallback.login',
  'recovery.identity-proofing',
  'registration.verify',
  'credential.delete',
  'identity.link',
  'identity.unlink',
  'identity.reconfirm',
  'session.logout-everywhere',
  'account.display-name',
  'support.fix',
  'support.ask',
] as const;

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as unknown));

export function ceremonyRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO ceremonies (account_id, username, kind, outcome, error_code, challenge, options, response, client, prediction, detail, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const security = `(kind IN (SELECT value FROM json_each(@kinds)) AND outcome IN ('verified', 'recorded'))`;
  const forAccount = db.prepare<[{ account: number; limit: number; kinds: string }], CeremonyRow>(
    `SELECT * FROM (SELECT * FROM ceremonies WHERE account_id = @account AND ${security} ORDER BY id DESC LIMIT @limit)
     UNION ALL
     SELECT * FROM (SELECT * FROM ceremonies WHERE account_id = @account AND NOT ${security} ORDER BY id DESC LIMIT @limit)
     ORDER BY id DESC`,
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
    /** The account's history, newest first: its newest `limit` security events and its newest `limit` other entries. */
    listForAccount: (accountId: number, limit = 50) =>
      forAccount.all({ account: accountId, limit, kinds: JSON.stringify(SECURITY_EVENT_KINDS) }).map(toEntry),
  };
}
