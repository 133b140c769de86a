import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WAL_SIZE_LIMIT_BYTES } from '../../db/database.js';
import { GroupCommit, openDatabase, startCheckpointer, type Db } from '../../db/index.js';
import { startStack } from '../support/stack.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ROW_BYTES = 4000; // about one page per row
const BURST = 200;

function openTemp(): { db: Db; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'lab.sqlite');
  const db = openDatabase(path);
  db.exec('CREATE TABLE filler (n INTEGER PRIMARY KEY, data BLOB)');
  return { db, path };
}

/** One commit per row, as the lab commits; returns how many rows the table holds afterwards. */
function writeBurst(db: Db): number {
  const insert = db.prepare('INSERT INTO filler (data) VALUES (?)');
  for (let i = 0; i < BURST; i++) insert.run(Buffer.alloc(ROW_BYTES, i));
  return (db.prepare('SELECT count(*) AS n FROM filler').get() as { n: number }).n;
}

// The WAL header's checkpoint sequence number (sqlite.org/fileformat.html): up by one each time the WAL starts over.
function walRestarts(path: string): number {
  const header = Buffer.alloc(16);
  const fd = openSync(`${path}-wal`, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.readUInt32BE(12);
}

/** Waits until the database file itself (not the WAL) holds rows' worth of pages: someone checkpointed them. */
const checkpointedInto = (path: string, rows: number) =>
  vi.waitFor(() => expect(statSync(path).size).toBeGreaterThanOrEqual(rows * ROW_BYTES), {
    timeout: 20_000,
    interval: 20,
  });

describe('WAL checkpoints on a worker thread', () => {
  it('copies the WAL into the database file while the main connection never checkpoints on its own', async () => {
    const { db, path } = openTemp();
    const checkpointer = startCheckpointer(db, { intervalMs: 20, fallbackPages: 1_000_000 })!;
    cleanups.push(async () => {
      db.close();
      await checkpointer.close();
    });
    // The main connection's own checkpoint is pushed out of reach: only the worker can fill the file.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000_000);
    await checkpointedInto(path, writeBurst(db));
  });

  it('lets the WAL start over: once the worker has copied it all, the next commit starts it anew', async () => {
    const { db, path } = openTemp();
    const checkpointer = startCheckpointer(db, { intervalMs: 20, fallbackPages: 1_000_000 })!;
    cleanups.push(async () => {
      db.close();
      await checkpointer.close();
    });
    const insert = db.prepare('INSERT INTO filler (data) VALUES (?)');
    writeBurst(db);
    const before = walRestarts(path);
    // A commit starts the WAL over only if every frame was copied before it; without the worker none ever is here.
    await vi.waitFor(
      () => {
        insert.run(Buffer.alloc(10));
        expect(walRestarts(path)).toBeGreaterThan(before);
      },
      { timeout: 20_000, interval: 20 },
    );
  });

  it('starts the WAL over under steady load, though the group commit nearly always holds a transaction', async () => {
    const { db, path } = openTemp();
    const groupCommit = new GroupCommit(db);
    const checkpointer = startCheckpointer(db, {
      intervalMs: 20,
      fallbackPages: 1_000_000, // the main connection never checkpoints on its own: only a restart bounds the WAL
      restartPages: 100,
      commitNow: () => groupCommit.commitNow(),
    })!;
    cleanups.push(async () => {
      groupCommit.commitNow();
      db.close();
      await checkpointer.close();
    });
    const insert = db.prepare('INSERT INTO filler (data) VALUES (?)');
    // ~40 MB of rows through the WAL: without restarts the WAL file grows to about 48 MB; with them it stays at what
    // is written while the worker copies: a few MB on a quiet machine, up to ~32 MB when other work makes the worker's
    // fsyncs slow. Three quarters of the no-restart size still fails without restarts; the restart count is exact.
    const rows = 100_000;
    const bound = 36 * 1024 * 1024;
    let largest = 0;
    // A small row per turn of the event loop, through the group commit as the lab writes under load: every turn is
    // busy, so a transaction is open but for a moment between a commit and the next turn's write.
    for (let i = 0; i < rows; i++) {
      groupCommit.run(() => insert.run(Buffer.alloc(400, i)));
      await new Promise(setImmediate);
      if (i % 100 === 0) largest = Math.max(largest, statSync(`${path}-wal`).size);
    }
    await groupCommit.flushed();
    expect(largest).toBeLessThan(bound);
    expect(walRestarts(path)).toBeGreaterThan(2);
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: rows });
  });

  it('cuts back a WAL that a long read let grow, once it starts over', () => {
    const { db, path } = openTemp();
    const reader = new Database(path);
    cleanups.push(() => {
      reader.close();
    });
    // A read transaction holds its snapshot: no checkpoint may copy past it, so every commit meanwhile grows the WAL.
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM filler').get();
    const insert = db.prepare('INSERT INTO filler (data) VALUES (?)');
    for (let i = 0; statSync(`${path}-wal`).size <= WAL_SIZE_LIMIT_BYTES + 4 * 1024 * 1024; i++) {
      insert.run(Buffer.alloc(ROW_BYTES, i));
    }
    reader.exec('COMMIT');
    const before = walRestarts(path);
    db.pragma('wal_checkpoint(PASSIVE)'); // with the reader gone, everything is copied: the next commit starts over
    insert.run(Buffer.alloc(10));
    expect(walRestarts(path)).toBeGreaterThan(before);
    expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
  });

  it('reports a checkpoint worker that fails for real, and gives the checkpoints back to SQLite', async () => {
    const { db, path } = openTemp();
    // The database file is deleted under the open connection (which keeps writing into it): the worker cannot open it.
    unlinkSync(path);
    const failures: Error[] = [];
    const checkpointer = startCheckpointer(db, { intervalMs: 20, onFailure: (error) => failures.push(error) })!;
    cleanups.push(async () => {
      db.close();
      await checkpointer.close();
    });
    await vi.waitFor(() => expect(failures).toHaveLength(1), { timeout: 20_000, interval: 20 });
    expect(failures[0]).toBeInstanceOf(Error);
    expect(failures[0]).toMatchObject({ code: 'SQLITE_CANTOPEN' });
    expect(checkpointer.failure).toBe(failures[0]);
    // The main connection checkpoints inside its commits again, as without the worker.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('closes after the main connection: its close checkpoints the rest and removes the WAL, nothing lost', async () => {
    const { db, path } = openTemp();
    const checkpointer = startCheckpointer(db, { intervalMs: 60_000 })!;
    const rows = writeBurst(db);
    db.close();
    await checkpointer.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new Database(path, { readonly: true });
    cleanups.push(() => {
      reopened.close();
    });
    expect(reopened.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: rows });
  });

  it('is what the running lab uses: under steady writes its WAL starts over long before the fallback', async () => {
    const stack = await startStack();
    cleanups.push(() => stack.close());
    const { db, repos } = stack.running.lab;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    db.exec('CREATE TABLE filler (n INTEGER PRIMARY KEY, data BLOB)');
    const insert = db.prepare('INSERT INTO filler (data) VALUES (?)');
    const walPages = () => statSync(`${db.name}-wal`).size / 4096;
    // Small rows through the lab's own group commit, one per turn of the event loop, as requests write under load.
    let row = 0;
    const steadyTurns = async (turns: number) => {
      for (let i = 0; i < turns; i++) {
        repos.transaction(() => insert.run(Buffer.alloc(100, row++)));
        await new Promise(setImmediate);
      }
    };
    await steadyTurns(500); // a WAL all copied while the lab was idle starts over at the first write: not this test
    const before = walRestarts(db.name);
    while (walRestarts(db.name) === before && walPages() < 9000) await steadyTurns(100);
    // Started over while a transaction was open almost all the time, and before the main connection's own checkpoint
    // at 10,000 pages could do it.
    expect(walRestarts(db.name)).toBeGreaterThan(before);
    expect(walPages()).toBeLessThan(9000);
  });
});

describe('the checkpoint worker and the process', () => {
  it('does not keep a program that never closes it running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkpointer-exit-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const script = join(dir, 'no-close.ts');
    const checkpointer = new URL('../../db/index.ts', import.meta.url).href;
    writeFileSync(
      script,
      `import { openDatabase, startCheckpointer } from ${JSON.stringify(checkpointer)};\n` +
        `const db = openDatabase(${JSON.stringify(join(dir, 'lab.sqlite'))});\n` +
        `startCheckpointer(db, { commitNow: () => undefined, onFailure: () => undefined });\n` +
        `console.log('started');\n`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => void child.kill('SIGKILL'));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The program has nothing left to do once it printed: it exits by itself, or the worker holds it open.
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(output).toContain('started');
    expect(code).toBe(0);
  });
});

describe('closing the checkpointer', () => {
  it('is not reported as a failure, even with restarts under way', async () => {
    const { db, path } = openTemp();
    const groupCommit = new GroupCommit(db);
    const failures: Error[] = [];
    const checkpointer = startCheckpointer(db, {
      intervalMs: 1,
      restartPages: 1,
      commitNow: () => groupCommit.commitNow(),
      onFailure: (error) => failures.push(error),
    })!;
    const insert = db.prepare('INSERT INTO filler (data) VALUES (?)');
    // Writes until the WAL has started over twice: the restarts are under way when it is closed.
    for (let i = 0; walRestarts(path) < 2; i++) {
      groupCommit.run(() => insert.run(Buffer.alloc(400, i)));
      await new Promise(setImmediate);
    }
    groupCommit.run(() => insert.run(Buffer.alloc(400)));
    await groupCommit.flushed();
    db.close();
    await checkpointer.close();
    expect(failures).toEqual([]);
    expect(checkpointer.failure).toBeUndefined();
  });
});
