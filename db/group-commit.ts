import type { Db } from './database.js';

/** Where a request's judgement starts: the first commit whose failure its reply must report; see GroupCommit.ledger. */
export interface WriteLedger {
  from: number;
}

/**
 * Group commit: the writes of every request handled in one turn of the event loop share one COMMIT, and a reply
 * leaves only after the COMMIT holding its writes (server/plugins/durable-replies.ts), so an acknowledged write
 * survives a crash of the process like before. SQLite pays per commit for every page a transaction touched (WAL
 * frames, then checkpoints); under load many requests touch the same pages (the log's last leaf, index pages), so one
 * commit per turn instead of one per request costs far less. Writers inside the shared transaction still get their
 * own all-or-nothing unit: better-sqlite3 turns a nested transaction into a SAVEPOINT.
 * A turn that runs long (many requests ready at once) commits early, so the first replies of the turn are not held
 * back by the last ones: a reply waits at most about maxHoldMs for its commit. The hold never leaves the core idle
 * (a turn with nothing more to do commits at its end); a longer one lets a busy turn put more requests in one commit
 * (why 5 ms: docs/benchmark.md, "Session 6").
 * A request's writes may go into several commits (it writes, awaits a signature check, writes again), and a commit may
 * fail after the request wrote in it but before it replies. Commits are numbered; a request's ledger holds the first
 * commit it may have written in, and its reply fails if any commit from there to the last one before the reply
 * failed — also one it did not write in (a commit fails for the disk or the database, not for one request's rows).
 * Knowing exactly which commits a request wrote in would need its async context (an AsyncLocalStorage), which on
 * Node 20 turns on promise hooks for every promise of every request (docs/benchmark.md, "Session 8").
 */
export class GroupCommit {
  /** The open shared transaction's outcome; undefined when none is open. */
  private committed: Promise<void> | undefined;
  private settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private openedAt = 0;
  /** Units running right now (nested units are savepoints inside the outer one): never commit in the middle. */
  private depth = 0;
  private readonly unitOfWork;
  private readonly begin;
  private readonly commit;
  private readonly rollback;
  /** The number of the open commit, or of the next one when none is open. */
  private serial = 0;
  /** The latest failed commits (numbers and errors), newest last; a few are enough for the replies still waiting. */
  private readonly failures: { serial: number; error: unknown }[] = [];

  constructor(
    private readonly db: Db,
    private readonly maxHoldMs = 5,
  ) {
    this.unitOfWork = db.transaction(<T>(fn: () => T): T => fn());
    this.begin = db.prepare('BEGIN');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /** Runs fn as one all-or-nothing unit inside the shared transaction. */
  run<T>(fn: () => T): T {
    if (this.depth === 0) {
      if (this.committed && performance.now() - this.openedAt > this.maxHoldMs) this.commitNow();
      this.open();
    }
    this.depth += 1;
    try {
      return this.unitOfWork(fn) as T;
    } finally {
      this.depth -= 1;
    }
  }

  /** Opens the shared transaction unless one is open; it commits on the next turn of the event loop. */
  private open(): void {
    if (this.committed || this.db.inTransaction) return;
    this.begin.run();
    this.openedAt = performance.now();
    this.committed = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Nobody may be waiting (a write outside any request); the failure still reaches every reply that waits.
    this.committed.catch(() => undefined);
    setImmediate(() => this.commitNow());
  }

  /** Resolves once everything written so far is committed; rejects if that commit failed. */
  flushed(): Promise<void> {
    return this.committed ?? Promise.resolve();
  }

  /** A ledger for a request starting now: the first commit it can write in is the open one, or the next. */
  ledger(): WriteLedger {
    return { from: this.serial };
  }

  /**
   * Resolves once everything written so far is committed (flushed()) and no commit since the ledger's first failed;
   * rejects with the failure otherwise. The ledger then starts after those commits, so a failure is reported once
   * (the error reply that follows is judged only on the commits after it).
   */
  async durable(ledger: WriteLedger): Promise<void> {
    const last = this.committed ? this.serial : this.serial - 1;
    await this.flushed().catch(() => undefined);
    const failed = this.failures.find((failure) => failure.serial >= ledger.from && failure.serial <= last);
    ledger.from = last + 1;
    if (failed) throw failed.error;
  }

  /** Commits the shared transaction now (also used at shutdown). */
  commitNow(): void {
    const settle = this.settle;
    if (!settle) return;
    this.committed = undefined;
    this.settle = undefined;
    const serial = this.serial++;
    try {
      this.commit.run();
      settle.resolve();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      this.failures.push({ serial, error });
      if (this.failures.length > 64) this.failures.shift();
      settle.reject(error);
    }
  }
}
