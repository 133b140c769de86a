import { cookieDigest } from './cookie-digest.js';
import type { Db } from './database.js';

export interface OidcTransaction {
  state: string;
  /** The session that started it; stored as its digest (cookie-digest.ts). */
  sessionId: string;
  provider: string;
  purpose: 'login' | 'link';
  codeVerifier: string;
  nonce: string;
  issuer: string;
  accountId: number | null;
  expiresAt: number;
}

interface TransactionRow {
  state: string;
  session_id: string;
  provider: string;
  purpose: string;
  code_verifier: string;
  nonce: string;
  issuer: string;
  account_id: number | null;
  expires_at: number;
}

export function oidcTransactionRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO oidc_transactions (state, session_id, provider, purpose, code_verifier, nonce, issuer, account_id, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Taken with the session in the same statement: a callback from another browser cannot cancel someone's login.
  const take = db.prepare<[string, string], TransactionRow>(
    'DELETE FROM oidc_transactions WHERE state = ? AND session_id = ? RETURNING *',
  );
  const find = db.prepare<[string, string], TransactionRow>(
    'SELECT * FROM oidc_transactions WHERE state = ? AND session_id = ?',
  );
  const purge = db.prepare<[number]>('DELETE FROM oidc_transactions WHERE expires_at < ?');
  return {
    save: (tx: OidcTransaction) => {
      insert.run(
        tx.state,
        cookieDigest(tx.sessionId),
        tx.provider,
        tx.purpose,
        tx.codeVerifier,
        tx.nonce,
        tx.issuer,
        tx.accountId,
        tx.expiresAt,
      );
    },
    /** This browser's pending transaction, left in place (the callback takes it once the provider has answered). */
    find: (state: string, sessionId: string): OidcTransaction | undefined =>
      fromRow(find.get(state, cookieDigest(sessionId)), sessionId),
    /** Single use for the browser that started it: the row is gone whatever that callback's outcome. */
    take: (state: string, sessionId: string): OidcTransaction | undefined =>
      fromRow(take.get(state, cookieDigest(sessionId)), sessionId),
    purgeExpired: (now = Date.now()) => purge.run(now).changes,
  };
}

function fromRow(row: TransactionRow | undefined, sessionId: string): OidcTransaction | undefined {
  if (!row) return undefined;
  return {
    state: row.state,
    sessionId,
    provider: row.provider,
    purpose: row.purpose as OidcTransaction['purpose'],
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    issuer: row.issuer,
    accountId: row.account_id,
    expiresAt: row.expires_at,
  };
}
