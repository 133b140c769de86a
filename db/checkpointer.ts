import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

export interface CheckpointerOptions {
  /** How often the worker copies the WAL back into the database file. */
  intervalMs?: number;
  /**
   * WAL pages after which the main connection checkpoints by itself, inside a COMMIT, while the worker runs: the bound
   * when the WAL is not started over at restartPages (no commitNow). After a failure SQLite's 1000 pages apply instead.
   */
  fallbackPages?: number;
  /**
   * Commits the writer's open transaction now (GroupCommit.commitNow). With it, once the worker has copied a WAL of
   * restartPages or more, the main connection commits, copies the few pages written meanwhile and so lets the next
   * write start the WAL over; without it the WAL only starts over when a checkpoint happens to find no transaction
   * open.
   */
  commitNow?: () => void;
  /**
   * WAL pages from which a copied WAL is started over (see commitNow). Each restart holds the requests in flight for
   * the main thread's short copy and its two fsyncs, so not after every checkpoint (why 4000: docs/benchmark.md,
   * "Session 9").
   */
  restartPages?: number;
  /**
   * Told once when the checkpoints go back to SQLite: a checkpoint failed (the worker's, or the main connection's
   * before a restart: the worker then runs on, but restarts are SQLite's again), or the worker died.
   */
  onFailure?: (error: Error) => void;
}

export interface Checkpointer {
  /** Why the checkpoints went back to SQLite (see onFailure), while the process runs on; else undefined. */
  readonly failure: Error | undefined;
  /** Stops the worker; call after the main connection is closed, so the worker's close checkpoints the rest. */
  close(): Promise<void>;
}

// CommonJS run by the worker (`eval`, so that the one-file server bundle needs no second entry point). A PASSIVE
// checkpoint never waits for the writer, so the main thread's commits go on while pages are copied and fsynced. After
// one that copied every frame it saw, it tells the main thread how long the WAL was. A checkpoint that throws ends
// the worker with that error, which the main thread reports (re-thrown as a plain Error: a thread passes those on
// whole, code included, and a SqliteError as a bare object).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const plain = (fn) => {
  try {
    return fn();
  } catch (error) {
    throw Object.assign(new Error(String(error?.message ?? error)), { code: error?.code });
  }
};
const db = plain(() => new Database(workerData.path, { fileMustExist: true }));
plain(() => db.pragma('busy_timeout = 5000'));
const checkpoint = () => plain(() => db.pragma('wal_checkpoint(PASSIVE)'))[0];
const timer = setInterval(() => {
  let { log, checkpointed } = checkpoint();
  // Copy again what was committed meanwhile, until a pass finds little new: that little is what the main thread
  // copies itself before the WAL starts over, while its requests wait.
  for (let pass = 0; pass < 8 && log > 0 && checkpointed === log; pass++) {
    const previous = log;
    ({ log, checkpointed } = checkpoint());
    if (log - previous < workerData.tailPages) break;
  }
  if (log > 0 && checkpointed === log) parentPort.postMessage(log);
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop: by default the connection that commits copies the WAL back into
 * the database file (and fsyncs it) inside a COMMIT every 1000 pages, and every reply in flight waits meanwhile
 * (docs/benchmark.md, "Session 7"). Here a worker thread with a connection of its own checkpoints on a timer.
 * SQLite starts the WAL over only at a write transaction that begins with the WAL all copied; under steady load the
 * group commit keeps a transaction open almost all the time, so that needs commitNow (docs/benchmark.md, "Session 9").
 * The main connection keeps an automatic checkpoint at fallbackPages, and goes back to SQLite's 1000 pages if a
 * checkpoint fails or the worker dies. Durability does not change: a commit is in the WAL before its reply leaves,
 * whoever checkpoints it. A WAL started over is written again from its start: the file keeps its size, cut back to
 * WAL_SIZE_LIMIT_BYTES (database.ts) if a burst or a long read made it larger, until the last connection deletes it.
 */
export function startCheckpointer(db: Db, options: CheckpointerOptions = {}): Checkpointer | undefined {
  if (db.memory) return undefined;
  const fallbackPages = options.fallbackPages ?? 10_000;
  const restartPages = options.restartPages ?? 4000;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path: db.name,
      betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: options.intervalMs ?? 400,
      tailPages: 64,
    },
  });
  db.pragma(`wal_autocheckpoint = ${fallbackPages}`);
  let closing = false;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    if (failure || closing) return;
    failure = error;
    if (db.open) db.pragma('wal_autocheckpoint = 1000'); // SQLite's default: checkpoints inside commits, as before
    options.onFailure?.(error);
  };
  worker.on('message', (walPages: number) => {
    const commitNow = options.commitNow;
    if (!commitNow || closing || failure || !db.open || walPages < restartPages) return;
    // The worker copied the WAL up to where it looked; copy what was committed since (a few milliseconds' worth) with
    // no transaction open, and the next write starts the WAL over instead of appending to it.
    commitNow();
    try {
      if (!db.inTransaction) db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // Not thrown into the event loop: the lab serves on.
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  });
  worker.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      fail(new Error(`the WAL checkpoint worker exited (code ${code})`));
      resolve();
    }),
  );
  // After the listeners: on Node 20 adding a 'message' listener refs the worker again, and a worker that holds the
  // process open keeps any program that never calls close() running.
  worker.unref();
  return {
    get failure() {
      return failure;
    },
    close: async () => {
      closing = true;
      worker.ref(); // otherwise a process with nothing else left to do exits before the worker's close
      worker.postMessage('close');
      await exited;
    },
  };
}
