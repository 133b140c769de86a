import { usernameSkeleton } from './usernames.js';
import type { Db } from './database.js';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  userHandle: string;
  createdAt: number;
}

interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  user_handle: string;
  created_at: number;
}

const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  userHandle: row.user_handle,
  createdAt: row.created_at,
});

export function accountRepository(db: Db) {
  const byUsername = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE username = ?');
  const byId = db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const byHandle = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE user_handle = ?');
  const bySkeleton = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE username_skeleton = ?');
  const insert = db.prepare<[string, string, string, string, number], AccountRow>(
    'INSERT INTO accounts (username, username_skeleton, display_name, user_handle, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  );
  const setDisplayName = db.prepare<[string, number]>('UPDATE accounts SET display_name = ? WHERE id = ?');
  return {
    /** The name passkey managers show next to the username; false when the account does not exist. */
    setDisplayName: (id: number, displayName: string) => setDisplayName.run(displayName, id).changes === 1,
    /** Exact lookup of a canonical username: server/plugins/username.ts made the request's `username` canonical. */
    findByUsername: (username: string) => {
      const row = byUsername.get(username);
      return row ? toAccount(row) : undefined;
    },
    /** An account whose name reads the same as this canonical one (equal UTS #39 skeletons). */
    findLookAlike: (username: string) => {
      const row = bySkeleton.get(usernameSkeleton(username));
      return row ? toAccount(row) : undefined;
    },
    findById: (id: number) => {
      const row = byId.get(id);
      return row ? toAccount(row) : undefined;
    },
    findByUserHandle: (handle: string) => {
      const row = byHandle.get(handle);
      return row ? toAccount(row) : undefined;
    },
    /** `username` must be canonical; its skeleton is stored with it (unique: look-alikes cannot both exist). */
    create: (username: string, displayName: string, userHandle: string, now = Date.now()) =>
      toAccount(insert.get(username, usernameSkeleton(username), displayName, userHandle, now)!),
  };
}
