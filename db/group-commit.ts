import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './database.js';

/** The commits a request's writes went into (their outcomes), in the order written; see GroupCommit.recording. */
export type WriteLedger = Set<Promise<void>>;

/**
 * Group commit: the writes of every request handled in a few turns of the event loop share one COMMIT, and a reply
 * leaves only after the COMMIT holding its writes (server/plugins/durable-replies.ts), so an acknowledged write
 * survives a crash of the process like before. SQLite pays per commit for every page a transaction touched (WAL
 * frames, then checkpoints); under load many requests touch the same pages (the log's last leaf, index pages), so one
 * commit per turn instead of one per request costs far less. Writers inside the shared transaction still get their
 * own all-or-nothing unit: better-sqlite3 turns a nested transaction into a SAVEPOINT.
 * The commit waits at the end of a turn while that turn wrote or took in a request (under load, the next turns bring
 * more requests' writes), and happens at the end of the first turn that brought nothing new, so the hold never leaves
 * the core idle. A reply waits at most about maxHoldMs for its commit: a transaction that old commits at the end of
 * its turn, or before the next unit when a single turn runs long (why 5 ms: docs/benchmark.md, "Session 6"; why
 * across turns: "Session 8").
 * A request's writes may go into several commits (it writes, awaits a signature check, writes again), and a commit may
 * fail after the request wrote in it but before it replies; each unit notes the commit it wrote in on the ledger of the
 * code running it (recording()), so the reply can wait for exactly those commits and fail if one of them did.
 */
export class GroupCommit {
  /** The open shared transaction's outcome; undefined when none is open. */
  private committed: Promise<void> | undefined;
  private settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private openedAt = 0;
  /** A unit ran or a request started since the last end-of-turn check: more writes are likely to follow soon. */
  private busy = false;
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
      this.busy = true;
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
    setImmediate(this.endOfTurn, this.committed);
  }

  /**
   * At the end of each turn of the event loop: commit, unless this turn wrote or took in a request (more writes are on
   * their way, and the core is not idle) and the transaction is younger than maxHoldMs; then look again at the end of
   * the next turn. A turn that wrote nothing new commits, so the core never waits for the hold.
   */
  private readonly endOfTurn = (transaction: Promise<void>): void => {
    if (this.committed !== transaction) return; // committed already (a long turn, shutdown)
    if (this.busy && performance.now() - this.openedAt <= this.maxHoldMs) {
      this.busy = false;
      setImmediate(this.endOfTurn, transaction);
      return;
    }
    this.commitNow();
  };

  /** Resolves once everything written so far is committed; rejects if that commit failed. */
  flushed(): Promise<void> {
    return this.committed ?? Promise.resolve();
  }

  /** Runs fn (and everything it starts, across awaits) so that every unit it runs notes its commit on ledger. */
  recording<T>(ledger: WriteLedger, fn: () => T): T {
    this.busy = true;
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
