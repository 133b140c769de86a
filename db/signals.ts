import type { CeremonyRecord } from './ceremonies.js';
import type { StoredCredential } from './credentials.js';
import type { Db } from './database.js';

// The Signal API's trail lives in the account's history (the ceremonies table): a passkey deletion keeps what the
// passkey was, and each signal the page sent is one 'signal.<kind>' entry. These are the reads the lab needs of it.

export type SignalKind = 'unknown-credential' | 'all-accepted-credentials' | 'current-user-details';
export type SignalResult = 'sent' | 'unsupported' | 'failed';

/** A deleted passkey as the predictor needs it: everything stored except its key material and counters. */
export type DeletedCredential = Pick<
  StoredCredential,
  'id' | 'transports' | 'deviceType' | 'backedUp' | 'aaguid' | 'attachment' | 'registeredClient' | 'createdAt'
>;

export interface SignalEntry {
  kind: SignalKind;
  result: SignalResult;
  sent: unknown;
  error: string | null;
  at: number;
}

export function signalRepository(db: Db) {
  const deletion = db.prepare<[number, string], { id: number }>(
    `SELECT id FROM ceremonies WHERE account_id = ? AND kind = 'credential.delete' AND json_extract(detail, '$.credentialId') = ? LIMIT 1`,
  );
  const signals = db.prepare<[number, number], { kind: string; detail: string; created_at: number }>(
    `SELECT kind, detail, created_at FROM ceremonies WHERE account_id = ? AND kind LIKE 'signal.%' ORDER BY id DESC LIMIT ?`,
  );
  const signalledDeleted = db.prepare<[number], { credential: string }>(
    `SELECT json_extract(d.detail, '$.credential') AS credential FROM ceremonies d
     WHERE d.account_id = ? AND d.kind = 'credential.delete' AND json_extract(d.detail, '$.credential') IS NOT NULL
       AND EXISTS (SELECT 1 FROM ceremonies s WHERE s.account_id = d.account_id AND s.kind = 'signal.unknown-credential'
                   AND json_extract(s.detail, '$.result') = 'sent'
                   AND json_extract(s.detail, '$.sent.credentialId') = json_extract(d.detail, '$.credentialId'))
     ORDER BY d.id DESC LIMIT 64`,
  );
  const lastReport = db.prepare<[number], { kind: string; outcome: string; error_code: string | null; detail: string }>(
    `SELECT kind, outcome, error_code, detail FROM ceremonies WHERE account_id = ? AND kind LIKE 'signal.%'
     ORDER BY id DESC LIMIT 1`,
  );
  const lastAccepted = db.prepare<[number], { detail: string; created_at: number }>(
    `SELECT detail, created_at FROM ceremonies WHERE account_id = ? AND kind = 'signal.all-accepted-credentials'
       AND json_extract(detail, '$.result') = 'sent' ORDER BY id DESC LIMIT 1`,
  );

  return {
    /** True when this account deleted that passkey (an unknown-credential signal may only name such a one). */
    wasDeleted: (accountId: number, credentialId: string) => deletion.get(accountId, credentialId) !== undefined,
    /** True when the entry is the same as the account's last signal report: a reload or a loop adds nothing. */
    repeatsLast: (entry: CeremonyRecord & { accountId: number }) => {
      const last = lastReport.get(entry.accountId);
      return (
        last !== undefined &&
        last.kind === entry.kind &&
        last.outcome === entry.outcome &&
        last.error_code === (entry.errorCode ?? null) &&
        last.detail === JSON.stringify(entry.detail)
      );
    },
    listForAccount: (accountId: number, limit = 20): SignalEntry[] =>
      signals.all(accountId, limit).map((row) => {
        const detail = JSON.parse(row.detail) as { result: SignalResult; sent: unknown; error?: string };
        return {
          kind: row.kind.slice('signal.'.length) as SignalKind,
          result: detail.result,
          sent: detail.sent,
          error: detail.error ?? null,
          at: row.created_at,
        };
      }),
    /** Deleted passkeys the browser was told about: they may linger on a device, but no longer count as local. */
    signalledDeleted: (accountId: number): DeletedCredential[] =>
      signalledDeleted.all(accountId).map((row) => JSON.parse(row.credential) as DeletedCredential),
    /** The credential IDs of the last accepted-credentials list the browser was given, and when. */
    lastAcceptedList: (accountId: number): { ids: string[]; at: number } | undefined => {
      const row = lastAccepted.get(accountId);
      if (!row) return undefined;
      const detail = JSON.parse(row.detail) as { sent?: { allAcceptedCredentialIds?: string[] } };
      return { ids: detail.sent?.allAcceptedCredentialIds ?? [], at: row.created_at };
    },
  };
}
