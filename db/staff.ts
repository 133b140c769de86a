import { cookieDigest } from './cookie-digest.js';
import type { Db } from './database.js';

export interface StaffMember {
  id: number;
  name: string;
  userHandle: string;
  invitedBy: number | null;
  createdAt: number;
  /** Set by `npm run staff:remove`; a removed member is found only by `list`. */
  removedAt: number | null;
}

export interface StaffCredential {
  id: string;
  staffId: number;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[] | null;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface StaffChallenge {
  challenge: string;
  /** The browser it was issued to; stored as its digest (cookie-digest.ts). */
  binding: string;
  ceremony: 'enroll' | 'login';
  context: Record<string, unknown>;
  expiresAt: number;
}

interface MemberRow {
  id: number;
  name: string;
  user_handle: string;
  invited_by: number | null;
  created_at: number;
  removed_at: number | null;
}
interface CredentialRow {
  id: string;
  staff_id: number;
  public_key: Buffer;
  counter: number;
  transports: string | null;
  created_at: number;
  last_used_at: number | null;
}
interface ChallengeRow {
  challenge: string;
  binding: string;
  ceremony: string;
  context: string;
  expires_at: number;
}

const toMember = (row: MemberRow): StaffMember => ({
  id: row.id,
  name: row.name,
  userHandle: row.user_handle,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  removedAt: row.removed_at,
});
const toCredential = (row: CredentialRow): StaffCredential => ({
  id: row.id,
  staffId: row.staff_id,
  publicKey: new Uint8Array(row.public_key),
  counter: row.counter,
  transports: row.transports === null ? null : (JSON.parse(row.transports) as string[]),
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/** Support staff, their passkeys, enrollment invites and ceremony challenges (migration 008). */
export function staffRepository(db: Db) {
  // Removed members are kept (the audit log names them) but are no members: every look-up but `list` skips them.
  const countMembers = db.prepare<[], { n: number }>(
    'SELECT COUNT(*) AS n FROM staff_members WHERE removed_at IS NULL',
  );
  const memberById = db.prepare<[number], MemberRow>('SELECT * FROM staff_members WHERE id = ? AND removed_at IS NULL');
  const memberByHandle = db.prepare<[string], MemberRow>(
    'SELECT * FROM staff_members WHERE user_handle = ? AND removed_at IS NULL',
  );
  const allMembers = db.prepare<[], MemberRow>('SELECT * FROM staff_members ORDER BY id');
  const removeMember = db.prepare<[number, number]>(
    'UPDATE staff_members SET removed_at = ? WHERE id = ? AND removed_at IS NULL',
  );
  // The links a removed member created and nobody used yet stop working with them.
  const voidInvites = db.prepare<[number, number]>(
    'UPDATE staff_invites SET expires_at = ? WHERE created_by = ? AND used_at IS NULL',
  );
  const insertMember = db.prepare<[string, string, number | null, number], MemberRow>(
    'INSERT INTO staff_members (name, user_handle, invited_by, created_at) VALUES (?, ?, ?, ?) RETURNING *',
  );
  const credentialById = db.prepare<[string], CredentialRow>('SELECT * FROM staff_credentials WHERE id = ?');
  const currentCredential = db.prepare<[string], { id: string }>(
    'SELECT c.id FROM staff_credentials c JOIN staff_members m ON m.id = c.staff_id WHERE c.id = ? AND m.removed_at IS NULL',
  );
  const insertCredential = db.prepare(
    'INSERT INTO staff_credentials (id, staff_id, public_key, counter, transports, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const recordUse = db.prepare<[number, number, string]>(
    'UPDATE staff_credentials SET counter = ?, last_used_at = ? WHERE id = ?',
  );
  const insertInvite = db.prepare<[string, number | null, number, number]>(
    'INSERT INTO staff_invites (token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const liveInvite = db.prepare<[string, number], { token_hash: string }>(
    'SELECT token_hash FROM staff_invites WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
  );
  // One statement: whoever marks the invite used owns it, so two enrollments racing with one link cannot both win.
  const useInvite = db.prepare<[number, number, string, number]>(
    'UPDATE staff_invites SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
  );
  const inviter = db.prepare<[string], { created_by: number | null }>(
    'SELECT created_by FROM staff_invites WHERE token_hash = ?',
  );
  const saveChallenge = db.prepare(
    'INSERT INTO staff_challenges (challenge, binding, ceremony, context, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  // Taken with the browser binding in the same statement: an answer from another browser cannot cancel a sign-in.
  const takeChallenge = db.prepare<[string, string], ChallengeRow>(
    'DELETE FROM staff_challenges WHERE challenge = ? AND binding = ? RETURNING *',
  );
  const purgeChallenges = db.prepare<[number]>('DELETE FROM staff_challenges WHERE expires_at < ?');

  return {
    count: () => countMembers.get()!.n,
    /** Every member ever enrolled, removed ones included (with `removedAt`), oldest first. */
    list: () => allMembers.all().map(toMember),
    /** Removes a member and voids their unused invitation links; false if there was no such member. */
    remove: (id: number, now = Date.now()) => {
      if (removeMember.run(now, id).changes === 0) return false;
      voidInvites.run(now, id);
      return true;
    },
    findById: (id: number) => {
      const row = memberById.get(id);
      return row ? toMember(row) : undefined;
    },
    findByUserHandle: (handle: string) => {
      const row = memberByHandle.get(handle);
      return row ? toMember(row) : undefined;
    },
    create: (name: string, userHandle: string, invitedBy: number | null, now = Date.now()) =>
      toMember(insertMember.get(name, userHandle, invitedBy, now)!),
    findCredential: (id: string) => {
      const row = credentialById.get(id);
      return row ? toCredential(row) : undefined;
    },
    /** Whether a passkey belongs to a current (not removed) staff member. */
    isCurrentCredential: (id: string) => currentCredential.get(id) !== undefined,
    addCredential: (credential: Omit<StaffCredential, 'createdAt' | 'lastUsedAt'>, now = Date.now()) => {
      insertCredential.run(
        credential.id,
        credential.staffId,
        Buffer.from(credential.publicKey),
        credential.counter,
        credential.transports ? JSON.stringify(credential.transports) : null,
        now,
      );
    },
    recordUse: (id: string, counter: number, now = Date.now()) => {
      recordUse.run(counter, now, id);
    },
    createInvite: (tokenHash: string, createdBy: number | null, expiresAt: number, now = Date.now()) => {
      insertInvite.run(tokenHash, createdBy, now, expiresAt);
    },
    isInviteLive: (tokenHash: string, now = Date.now()) => liveInvite.get(tokenHash, now) !== undefined,
    inviterOf: (tokenHash: string) => inviter.get(tokenHash)?.created_by ?? null,
    useInvite: (tokenHash: string, staffId: number, now = Date.now()) =>
      useInvite.run(now, staffId, tokenHash, now).changes === 1,
    saveChallenge: (pending: StaffChallenge) => {
      saveChallenge.run(
        pending.challenge,
        cookieDigest(pending.binding),
        pending.ceremony,
        JSON.stringify(pending.context),
        pending.expiresAt,
      );
    },
    /** Removes and returns the challenge: it can never be used again, whatever the outcome. */
    takeChallenge: (challenge: string, binding: string): StaffChallenge | undefined => {
      const row = takeChallenge.get(challenge, cookieDigest(binding));
      if (!row) return undefined;
      return {
        challenge: row.challenge,
        binding,
        ceremony: row.ceremony as StaffChallenge['ceremony'],
        context: JSON.parse(row.context) as Record<string, unknown>,
        expiresAt: row.expires_at,
      };
    },
    purgeExpiredChallenges: (now = Date.now()) => purgeChallenges.run(now).changes,
  };
}

export interface AuditEntry {
  id: number;
  staffId: number;
  staffName: string;
  action: string;
  subject: string | null;
  detail: unknown;
  createdAt: number;
}

interface AuditRow {
  id: number;
  staff_id: number;
  name: string;
  action: string;
  subject: string | null;
  detail: string | null;
  created_at: number;
}

/** The support audit log: append and read, nothing else (the table's triggers refuse changes too). */
export function auditRepository(db: Db) {
  const insert = db.prepare<[number, string, string | null, string | null, number]>(
    'INSERT INTO support_audit (staff_id, action, subject, detail, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const recent = db.prepare<[number], AuditRow>(
    'SELECT a.*, m.name FROM support_audit a JOIN staff_members m ON m.id = a.staff_id ORDER BY a.id DESC LIMIT ?',
  );
  return {
    append: (staffId: number, action: string, subject: string | null, detail?: unknown, now = Date.now()) => {
      insert.run(staffId, action, subject, detail === undefined ? null : JSON.stringify(detail), now);
    },
    recent: (limit = 200): AuditEntry[] =>
      recent
        .all(limit)
        .map((row) => ({
          id: row.id,
          staffId: row.staff_id,
          staffName: row.name,
          action: row.action,
          subject: row.subject,
          detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
          createdAt: row.created_at,
        })),
  };
}
