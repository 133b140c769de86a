import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit, openDatabase, repositories } from '../../db/index.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** maxHoldMs is long by default, so a loaded machine's slow turn never commits early in tests about batching. */
function open(maxHoldMs = 60_000) {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  const path = join(dir, 'lab.sqlite');
  const db = openDatabase(path);
  const groupCommit = new GroupCommit(db, maxHoldMs);
  // A second connection sees only what is committed: what a restarted process would find.
  const observer = new Database(path, { readonly: true });
  const countOnDisk = () => (observer.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
  return { db, groupCommit, repos: repositories(db, groupCommit), countOnDisk };
}

describe('group commit', () => {
  it('commits the units of one event-loop turn together, and flushed() resolves only after the commit', async () => {
    const { db, groupCommit, repos, countOnDisk } = open();
    repos.transaction(() => repos.accounts.create('a', 'A', 'ha'));
    repos.transaction(() => repos.accounts.create('b', 'B', 'hb'));
    expect(db.inTransaction).toBe(true);
    expect(countOnDisk()).toBe(0);
    const flushed = groupCommit.flushed();
    expect(countOnDisk()).toBe(0);
    await flushed;
    expect(db.inTransaction).toBe(false);
    expect(countOnDisk()).toBe(2);
  });

  it('rolls back a failing unit alone; the others in the same turn still commit', async () => {
    const { groupCommit, repos, countOnDisk } = open();
    repos.transaction(() => repos.accounts.create('kept', 'Kept', 'h1'));
    expect(() =>
      repos.transaction(() => {
        repos.accounts.create('dropped', 'Dropped', 'h2');
        repos.accounts.create('kept', 'Duplicate', 'h3'); // UNIQUE(username) fails: the whole unit goes
      }),
    ).toThrow(/UNIQUE/);
    await groupCommit.flushed();
    expect(countOnDisk()).toBe(1);
    expect(repos.accounts.findByUsername('dropped')).toBeUndefined();
  });

  it('starts a new shared transaction on the next turn, and commits an open one at once on commitNow()', async () => {
    const { db, groupCommit, repos, countOnDisk } = open();
    repos.transaction(() => repos.accounts.create('first', 'First', 'h1'));
    await groupCommit.flushed();
    repos.transaction(() => repos.accounts.create('second', 'Second', 'h2'));
    expect(countOnDisk()).toBe(1);
    groupCommit.commitNow();
    expect(db.inTransaction).toBe(false);
    expect(countOnDisk()).toBe(2);
    await expect(groupCommit.flushed()).resolves.toBeUndefined();
  });

  it('commits early when a turn runs long, so early replies are not held back by later work', async () => {
    const { groupCommit, repos, countOnDisk } = open(1);
    repos.transaction(() => repos.accounts.create('early', 'Early', 'h1'));
    const earlyReply = groupCommit.flushed();
    const until = performance.now() + 3; // a long turn: more than maxHoldMs (1 ms) of work after the first write
    while (performance.now() < until);
    repos.transaction(() => repos.accounts.create('late', 'Late', 'h2'));
    expect(countOnDisk()).toBe(1); // the early unit is committed; the late one waits for the end of the turn
    await expect(earlyReply).resolves.toBeUndefined();
    await groupCommit.flushed();
    expect(countOnDisk()).toBe(2);
  });

  it('does not commit in the middle of a unit, however long it runs', async () => {
    const { groupCommit, repos, countOnDisk } = open(1);
    repos.transaction(() => {
      repos.accounts.create('outer', 'Outer', 'h0');
      const until = performance.now() + 3;
      while (performance.now() < until);
      repos.transaction(() => repos.accounts.create('nested', 'Nested', 'h1'));
      expect(countOnDisk()).toBe(0);
    });
    await groupCommit.flushed();
    expect(countOnDisk()).toBe(2);
  });

  it('rejects flushed() for everyone waiting when the commit fails, and leaves no transaction open', async () => {
    const { db, groupCommit, repos } = open();
    repos.transaction(() => repos.accounts.create('doomed', 'Doomed', 'h1'));
    const waiting = groupCommit.flushed();
    // An outside ROLLBACK makes the shared COMMIT fail, as a disk error would.
    db.prepare('ROLLBACK').run();
    await expect(waiting).rejects.toThrow(/no transaction is active/);
    expect(db.inTransaction).toBe(false);
    expect(repos.accounts.findByUsername('doomed')).toBeUndefined();
  });

  it('durable(ledger) fails for the code whose write was in a failed commit, across its awaits, and only for it', async () => {
    const { db, groupCommit, repos } = open();
    const doomed = new Set<Promise<void>>();
    const later = new Set<Promise<void>>();
    let resume!: () => void;
    const verified = new Promise<void>((resolve) => (resume = resolve));
    // Writes, awaits (as a login awaits its signature check), and asks whether its writes are durable afterwards.
    const outcome = groupCommit.recording(doomed, async () => {
      repos.transaction(() => repos.accounts.create('doomed', 'Doomed', 'h1'));
      await verified;
      return groupCommit.durable(doomed);
    });
    db.prepare('ROLLBACK').run(); // the shared COMMIT fails, as a disk error would
    await expect(groupCommit.flushed()).rejects.toThrow(/no transaction is active/);
    groupCommit.recording(later, () => repos.transaction(() => repos.accounts.create('later', 'Later', 'h2')));
    resume();
    await expect(outcome).rejects.toThrow(/no transaction is active/);
    await expect(groupCommit.durable(later)).resolves.toBeUndefined();
    expect(repos.accounts.findByUsername('later')).toBeDefined();
    // Reported once: what the same code writes next is judged on its own commit.
    await expect(groupCommit.durable(doomed)).resolves.toBeUndefined();
  });
});
