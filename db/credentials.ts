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

const bool = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

export function credentialRepository(db: Db) {
  const byAccount = db.prepare<[number], CredentialRow>(
    'SELECT * FROM credentials WHERE account_id = ? ORDER BY created_at',
  );
  const byId = db.prepare<[string], CredentialRow>('SELECT * FROM credentials WHERE id = ?');
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
    /** Records a verified use; false if the passkey is gone (deleted while its login was being verified). */
    recordUse: (id: string, counter: number, backedUp: boolean, now = Date.now()): boolean =>
      recordUse.run(counter, backedUp ? 1 : 0, now, id).changes === 1,
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
