import type { Db } from './database.js';

export interface LinkedIdentity {
  id: number;
  accountId: number;
  provider: string;
  issuer: string;
  subject: string;
  displayName: string | null;
  linkedAt: number;
  needsReconfirm: boolean;
}

interface IdentityRow {
  id: number;
  account_id: number;
  provider: string;
  issuer: string;
  subject: string;
  display_name: string | null;
  linked_at: number;
  needs_reconfirm: number;
}

const toIdentity = (row: IdentityRow): LinkedIdentity => ({
  id: row.id,
  accountId: row.account_id,
  provider: row.provider,
  issuer: row.issuer,
  subject: row.subject,
  displayName: row.display_name,
  linkedAt: row.linked_at,
  needsReconfirm: row.needs_reconfirm === 1,
});

export function identityRepository(db: Db) {
  const byProviderSubject = db.prepare<[string, string], IdentityRow>(
    'SELECT * FROM identities WHERE provider = ? AND subject = ?',
  );
  const setIssuer = db.prepare<[string, number]>('UPDATE identities SET issuer = ? WHERE id = ?');
  const byAccount = db.prepare<[number], IdentityRow>(
    'SELECT * FROM identities WHERE account_id = ? ORDER BY linked_at',
  );
  const insert = db.prepare<[number, string, string, string, string | null, number]>(
    'INSERT INTO identities (account_id, provider, issuer, subject, display_name, linked_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const remove = db.prepare<[number, string]>('DELETE FROM identities WHERE account_id = ? AND provider = ?');
  const flagAll = db.prepare<[number]>('UPDATE identities SET needs_reconfirm = 1 WHERE account_id = ?');
  const countUsableOthers = db.prepare<[number, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM identities WHERE account_id = ? AND needs_reconfirm = 0 AND provider != ?',
  );
  const confirm = db.prepare<[number, string]>(
    'UPDATE identities SET needs_reconfirm = 0 WHERE account_id = ? AND provider = ?',
  );

  return {
    /**
     * The only way a federated login finds an account (never by e-mail): the provider's subject, whatever issuer URL
     * it was linked under. The mock providers' issuer carries IDP_PORT, and a link made on one port must still be found
     * on another (issue 11). Unique since migration 005. The callback has already checked the token's issuer against
     * the provider it asked (fallback/linking.ts).
     */
    findByProviderSubject: (provider: string, subject: string) => {
      const row = byProviderSubject.get(provider, subject);
      return row ? toIdentity(row) : undefined;
    },
    /** Records the issuer a linked identity was last seen under (the mock providers' port may change). */
    updateIssuer: (id: number, issuer: string) => {
      setIssuer.run(issuer, id);
    },
    listForAccount: (accountId: number) => byAccount.all(accountId).map(toIdentity),
    link: (
      accountId: number,
      provider: string,
      issuer: string,
      subject: string,
      displayName: string | null,
      now = Date.now(),
    ) => {
      insert.run(accountId, provider, issuer, subject, displayName, now);
    },
    unlink: (accountId: number, provider: string) => remove.run(accountId, provider).changes === 1,
    requireReconfirmation: (accountId: number) => flagAll.run(accountId).changes,
    confirm: (accountId: number, provider: string) => confirm.run(accountId, provider).changes === 1,
    /** Linked logins that can sign in now (not waiting to be confirmed again), other than one provider ('' for all). */
    countUsableOthers: (accountId: number, exceptProvider: string) =>
      countUsableOthers.get(accountId, exceptProvider)!.n,
  };
}
