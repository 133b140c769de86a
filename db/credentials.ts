import { toAccount, type Account, type AccountRow } from './accounts.js';
import type { Db } from './database.js';

export interface StoredCredential {
  id: string;
  accountId: number;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  /** As reported by the authenticator at registration; null when it reported none. */
  transports: string[] | null;
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  aaguid: string;
  attestationFormat: string;
  attachment: 'platform' | 'cross-platform' | null;
  credPropsRk: boolean | null;
  label: string | null;
  registeredClient: unknown;
  flaggedClone: boolean;
  createdAt: number;
  lastUsedAt: number | null;
}

export type NewCredential = Omit<StoredCredential, 'flaggedClone' | 'createdAt' | 'lastUsedAt'>;

interface CredentialRow {
  id: string;
  account_id: number;
  public_key: Buffer;
  counter: number;
  transports: string | null;
  device_type: string;
  backed_up: number;
  aaguid: string;
  attestation_fmt: string;
  attachment: string | null;
  cred_props_rk: number | null;
  label: string | null;
  registered_client: string | null;
  flagged_clone: number;
  created_at: number;
  last_used_at: number | null;
}

const toCredential = (row: CredentialRow): StoredCredential => ({
  id: row.id,
  accountId: row.account_id,
  publicKey: new Uint8Array(row.public_key),
  counter: row.counter,
  transports: row.transports === null ? null : (JSON.parse(row.transports) as string[]),
  deviceType: row.device_type as StoredCredential['deviceType'],
  backedUp: row.backed_up === 1,
  aaguid: row.aaguid,
  attestationFormat: row.attestation_fmt,
  attachment: row.attachment as StoredCredential['attachment'],
  credPropsRk: row.cred_props_rk === null ? null : row.cred_props_rk === 1,
  label: row.label,
  registeredClient: row.registered_client === null ? null : JSON.parse(row.registered_client),
  flaggedClone: row.flagged_clone === 1,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/** A credentials row with its owner's columns beside it (prefixed `owner_`; all null when there is no owner). */
type OwnedRow = CredentialRow & { [K in keyof AccountRow as `owner_${K}`]: AccountRow[K] | null };
type NamedRow = { [K in keyof CredentialRow]: CredentialRow[K] | null } & {
  [K in keyof AccountRow as `owner_${K}`]: AccountRow[K];
};

const ownerOf = (row: OwnedRow | NamedRow): Account | undefined =>
  row.owner_id === null
    ? undefined
    : toAccount({
        id: row.owner_id,
        username: row.owner_username!,
        display_name: row.owner_display_name!,
        user_handle: row.owner_user_handle!,
        created_at: row.owner_created_at!,
      });

const OWNER_COLUMNS =
  'a.id AS owner_id, a.username AS owner_username, a.display_name AS owner_display_name, ' +
  'a.user_handle AS owner_user_handle, a.created_at AS owner_created_at';

const bool = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

export function credentialRepository(db: Db) {
  const byAccount = db.prepare<[number], CredentialRow>(
    'SELECT * FROM credentials WHERE account_id = ? ORDER BY created_at',
  );
  const byId = db.prepare<[string], CredentialRow>('SELECT * FROM credentials WHERE id = ?');
  // A login's reads, one statement each (a statement costs more in a busy server than its rows: docs/benchmark.md,
  // "Session 9: the database side"): the account named at the options with its passkeys, oldest first, one row per
  // passkey (or one row of nulls); and at the verify, the passkey with its owner.
  const byUsernameWithAccount = db.prepare<[string], NamedRow>(
    `SELECT c.*, ${OWNER_COLUMNS} FROM accounts a LEFT JOIN credentials c ON c.account_id = a.id
     WHERE a.username = ? ORDER BY c.created_at`,
  );
  const byIdWithOwner = db.prepare<[string], OwnedRow>(
    `SELECT c.*, ${OWNER_COLUMNS} FROM credentials c LEFT JOIN accounts a ON a.id = c.account_id WHERE c.id = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO credentials (id, account_id, public_key, counter, transports, device_type, backed_up, aaguid,
       attestation_fmt, attachment, cred_props_rk, label, registered_client, created_at)
     VALUES (@id, @accountId, @publicKey, @counter, @transports, @deviceType, @backedUp, @aaguid,
       @attestationFormat, @attachment, @credPropsRk, @label, @registeredClient, @createdAt)`,
  );
  const recordUse = db.prepare<[number, number, number, string]>(
    'UPDATE credentials SET counter = ?, backed_up = ?, last_used_at = ? WHERE id = ?',
  );
  const flagClone = db.prepare<[string]>('UPDATE credentials SET flagged_clone = 1 WHERE id = ?');
  const setTransports = db.prepare<[string, string, number]>(
    'UPDATE credentials SET transports = ? WHERE id = ? AND account_id = ?',
  );
  const rename = db.prepare<[string, string, number]>(
    'UPDATE credentials SET label = ? WHERE id = ? AND account_id = ?',
  );
  const remove = db.prepare<[string, number]>('DELETE FROM credentials WHERE id = ? AND account_id = ?');
  const countOthers = db.prepare<[number, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM credentials WHERE account_id = ? AND id != ?',
  );

  return {
    listForAccount: (accountId: number) => byAccount.all(accountId).map(toCredential),
    findById: (id: string) => {
      const row = byId.get(id);
      return row ? toCredential(row) : undefined;
    },
    /** The account with this canonical username and its passkeys, oldest first (listForAccount's order). */
    findAccountWithPasskeys: (username: string): { account: Account; credentials: StoredCredential[] } | undefined => {
      const rows = byUsernameWithAccount.all(username);
      if (rows.length === 0) return undefined;
      const credentials = rows[0]!.id === null ? [] : (rows as OwnedRow[]).map(toCredential);
      return { account: ownerOf(rows[0]!)!, credentials };
    },
    /** The passkey with this id and the account it belongs to (undefined where there is none). */
    findWithOwner: (id: string): { credential: StoredCredential; owner: Account | undefined } | undefined => {
      const row = byIdWithOwner.get(id);
      return row ? { credential: toCredential(row), owner: ownerOf(row) } : undefined;
    },
    create: (credential: NewCredential, now = Date.now()) => {
      insert.run({
        ...credential,
        publicKey: Buffer.from(credential.publicKey),
        transports: credential.transports === null ? null : JSON.stringify(credential.transports),
        backedUp: credential.backedUp ? 1 : 0,
        credPropsRk: bool(credential.credPropsRk),
        registeredClient:
          credential.registeredClient === undefined ? null : JSON.stringify(credential.registeredClient),
        createdAt: now,
      });
    },
    recordUse: (id: string, counter: number, backedUp: boolean, now = Date.now()) => {
      recordUse.run(counter, backedUp ? 1 : 0, now, id);
    },
    flagClone: (id: string) => {
      flagClone.run(id);
    },
    /** A support fix (server/support/fixes.ts): the ways the passkey can be reached, as the site will send them. */
    setTransports: (id: string, accountId: number, transports: string[]) =>
      setTransports.run(JSON.stringify(transports), id, accountId).changes === 1,
    rename: (id: string, accountId: number, label: string) => rename.run(label, id, accountId).changes === 1,
    remove: (id: string, accountId: number) => remove.run(id, accountId).changes === 1,
    /** The account's passkeys other than one (pass '' to count them all). */
    countOthers: (accountId: number, exceptId: string) => countOthers.get(accountId, exceptId)!.n,
  };
}

export type CredentialRepository = ReturnType<typeof credentialRepository>;
