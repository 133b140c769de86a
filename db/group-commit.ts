import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './database.js';

/** The commits a request's writes went into (their outcomes), in the order written; see GroupCommit.recording. */
export type WriteLedger = Set<Promise<void>>;

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
 * fail after the request wrote in it but before it replies; each unit notes the commit it wrote in on the ledger of the
 * code running it (recording()), so the reply can wait for exactly those commits and fail if one of them did.
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
  /** The ledger of the request whose code is running (across its awaits); none outside requests. */
  private readonly ledgers = new AsyncLocalStorage<WriteLedger>();

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
      if (this.committed) this.ledgers.getStore()?.add(this.committed);
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

  /** Runs fn (and everything it starts, across awaits) so that every unit it runs notes its commit on ledger. */
  recording<T>(ledger: WriteLedger, fn: () => T): T {
    return this.ledgers.run(ledger, fn);
  }

  /**
   * Resolves once everything written so far is committed (flushed()) and every earlier commit holding one of ledger's
   * writes succeeded; rejects with the failure otherwise. The commits it waited for leave the ledger, so a failure is
   * reported once (the error reply that follows waits only for what is written after it).
   */
  async durable(ledger: WriteLedger): Promise<void> {
    const commits = [...ledger, this.flushed()];
    ledger.clear();
    const failed = (await Promise.allSettled(commits)).find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Commits the shared transaction now (also used at shutdown). */
  commitNow(): void {
    const settle = this.settle;
    if (!settle) return;
    this.committed = undefined;
    this.settle = undefined;
    try {
      this.commit.run();
      settle.resolve();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      settle.reject(error);
    }
  }
}
