import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

export interface CheckpointerOptions {
  /** How often the worker copies the WAL back into the database file. */
  intervalMs?: number;
  /** WAL pages after which the main connection checkpoints by itself (steady load, or the worker gone). */
  fallbackPages?: number;
}

export interface Checkpointer {
  /** Stops the worker; call after the main connection is closed, so the worker's close checkpoints the rest. */
  close(): Promise<void>;
}

// CommonJS run by the worker (`eval`, so that the one-file server bundle needs no second entry point). A PASSIVE
// checkpoint never waits for the writer, so the main thread's commits go on while pages are copied and fsynced.
// SQLite starts the WAL over only at a write that finds it all copied; under steady load the group commit keeps a
// transaction open almost all the time, so that rarely happens and the fallback below bounds the WAL (it then copies
// only what came in since the worker's last checkpoint).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop: by default the connection that commits copies the WAL back into
 * the database file (and fsyncs it) inside a COMMIT every 1000 pages, and every reply in flight waits meanwhile
 * (docs/benchmark.md, "Session 7"). Here a worker thread with a connection of its own checkpoints on a timer; the
 * main connection keeps an automatic checkpoint at fallbackPages, which bounds the WAL under steady load (see the
 * worker) or if the worker is gone. Durability does not change: a commit is in the WAL before its reply leaves,
 * whoever checkpoints it later.
 */
export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer | undefined {
  if (db.memory) return undefined;
  const fallbackPages = options.fallbackPages ?? 10_000;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path: db.name,
      betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: options.intervalMs ?? 400,
    },
  });
  worker.unref();
  db.pragma(`wal_autocheckpoint = ${fallbackPages}`);
  let closing = false;
  // A worker that dies (its file gone, an I/O error) leaves the checkpoints to SQLite, as before.
  worker.on('error', () => undefined);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!closing && db.open) db.pragma('wal_autocheckpoint = 1000');
      resolve();
    }),
  );
  return {
    close: async () => {
      closing = true;
      worker.ref(); // otherwise a process with nothing else left to do exits before the worker's close
      worker.postMessage('close');
      await exited;
    },
  };
}
