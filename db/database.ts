import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDataFolder, privateDatabaseFile } from './files.js';
import { canonicaliseStoredUsernames } from './migrations/005-canonical-usernames.js';
import { recomputeUsernameSkeletons } from './migrations/009-skeletons-and-support-asks.js';

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A step SQL cannot express (Unicode normalisation), run after the SQL in the same transaction. */
  data?: (db: Db) => void;
}

// Migrations whose rows need code: the SQL file's number → its data step, kept beside it in migrations/.
const DATA_STEPS: Record<number, (db: Db) => void> = {
  5: (db) => {
    canonicaliseStoredUsernames(db);
  },
  9: (db) => {
    recomputeUsernameSkeletons(db);
  },
};

/** Numbered SQL files, `001-name.sql`, applied in order. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}-.+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const version = Number(file.slice(0, 3));
      return {
        version,
        name: file,
        sql: readFileSync(join(dir, file), 'utf8'),
        ...(DATA_STEPS[version] ? { data: DATA_STEPS[version] } : {}),
      };
    });
}

/** Applies pending migrations inside one transaction each; user_version records the last one applied. */
export function migrate(db: Db, migrations = listMigrations()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.data?.(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * The size a WAL file is cut back to when it starts over. SQLite reuses the file rather than shrinking it, so without a
 * limit a burst or a long read (which holds checkpoints back) leaves the largest WAL ever reached on disk until the
 * lab stops. Above the WAL's usual size under steady load (docs/benchmark.md, "Session 10"), so only what such an
 * event left behind is cut.
 */
export const WAL_SIZE_LIMIT_BYTES = 32 * 1024 * 1024;

export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    ensureDataFolder(dirname(path));
    privateDatabaseFile(path);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL: a committed transaction survives a crash of this process (tests/api/crash-safety proves it);
  // only a power cut can lose the last few. FULL would cost an fsync per login for a lab server.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  migrate(db);
  return db;
}

/**
 * Calls `onGone` once if the database file is deleted or replaced while the lab runs: SQLite would keep writing
 * into the unlinked file and everything since would vanish at the next start. Returns a function that stops watching.
 */
export function watchDatabaseFile(path: string, onGone: () => void, intervalMs = 1000): () => void {
  if (path === ':memory:') return () => {};
  const identity = (): string | null => {
    try {
      const stat = statSync(path);
      return `${stat.dev}:${stat.ino}`;
    } catch {
      return null;
    }
  };
  const original = identity();
  const timer = setInterval(() => {
    if (original !== null && identity() === original) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
