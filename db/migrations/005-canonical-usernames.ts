import { canonicalUsername, RENAMED_PREFIX, usernameSkeleton } from '../usernames.js';
import type { Db } from '../database.js';

interface Row {
  id: number;
  username: string;
}

/**
 * Data step of migration 005, inside its transaction: every stored username becomes canonical. Who keeps a name that
 * several accounts now share: the account that already spelled it canonically, else the oldest. The others, and names
 * the rules now refuse, become `renamed-<id>` (display name, passkeys and links untouched; usernameless and linked
 * logins still work) and get a row in username_collisions. Returns how many accounts were renamed.
 */
export function canonicaliseStoredUsernames(db: Db, now = Date.now()): number {
  const rows = db.prepare<[], Row>('SELECT id, username FROM accounts ORDER BY id').all();
  const planned = rows.map((row) => ({ row, result: canonicalUsername(row.username) }));
  // Already-canonical spellings claim their name first, then the oldest accounts.
  const order = [...planned].sort((a, b) => {
    const aExact = a.result.ok && a.result.username === a.row.username ? 0 : 1;
    const bExact = b.result.ok && b.result.username === b.row.username ? 0 : 1;
    return aExact - bExact || a.row.id - b.row.id;
  });

  const names = new Map<string, number>();
  const skeletons = new Map<string, number>();
  const finalName = new Map<number, string>();
  const collisions: {
    accountId: number;
    original: string;
    renamedTo: string;
    reason: string;
    collidesWith: number | null;
  }[] = [];
  for (const { row, result } of order) {
    let reason: string | undefined;
    let collidesWith: number | null = null;
    if (!result.ok) reason = `not-allowed:${result.problem}`;
    else if (names.has(result.username)) [reason, collidesWith] = ['same-name', names.get(result.username)!];
    else if (skeletons.has(result.skeleton)) [reason, collidesWith] = ['look-alike', skeletons.get(result.skeleton)!];
    let name = reason === undefined && result.ok ? result.username : `${RENAMED_PREFIX}${row.id}`;
    while (reason !== undefined && (names.has(name) || skeletons.has(usernameSkeleton(name)))) name += '-x';
    if (reason !== undefined)
      collisions.push({ accountId: row.id, original: row.username, renamedTo: name, reason, collidesWith });
    names.set(name, row.id);
    skeletons.set(usernameSkeleton(name), row.id);
    finalName.set(row.id, name);
  }

  // Two passes, so that a final name held by another row until its own turn never trips UNIQUE(username).
  const park = db.prepare<[number]>("UPDATE accounts SET username = '005-in-progress-' || id WHERE id = ?");
  const set = db.prepare<[string, string, number]>(
    'UPDATE accounts SET username = ?, username_skeleton = ? WHERE id = ?',
  );
  for (const row of rows) park.run(row.id);
  // Signed-in sessions carry the name they signed in with (shown in the header): give them the new one.
  const relabel = db.prepare<[string, number]>(
    "UPDATE sessions SET data = json_set(data, '$.username', ?) WHERE json_extract(data, '$.userId') = ?",
  );
  for (const [id, name] of finalName) {
    set.run(name, usernameSkeleton(name), id);
    relabel.run(name, id);
  }
  const report = db.prepare<[number, string, string, string, number | null, number]>(
    'INSERT INTO username_collisions (account_id, original_username, renamed_to, reason, collides_with, detected_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const c of collisions) report.run(c.accountId, c.original, c.renamedTo, c.reason, c.collidesWith, now);
  db.exec('CREATE UNIQUE INDEX accounts_username_skeleton ON accounts(username_skeleton)');
  return collisions.length;
}
