import type { Db } from './database.js';

/** What a request's reply must know about the commits made while it ran; see GroupCommit.ledger and durable. */
export interface WriteLedger {
  /** How many shared commits had failed when the request started, or when a failure was last reported to it. */
  failuresSeen: number;
}

/**
 * Group commit: the writes of every request handled in a few turns of the event loop share one COMMIT, and a reply
 * leaves only after the COMMIT holding its writes (server/plugins/durable-replies.ts), so an acknowledged write
 * survives a crash of the process like before. SQLite pays per commit for every page a transaction touched (WAL
 * frames, then checkpoints); under load many requests touch the same pages (the log's last leaf, index pages), so one
 * commit for many requests instead of one per request costs far less. Writers inside the shared transaction still get
 * their own all-or-nothing unit: better-sqlite3 turns a nested transaction into a SAVEPOINT.
 * The commit waits at the end of a turn while that turn wrote or took in a request (under load, the next turns bring
 * more requests' writes), and happens at the end of the first turn that brought nothing new, so the hold never leaves
 * the core idle. A reply waits at most about maxHoldMs for its commit: a transaction that old commits at the end of
 * its turn, or before the next unit when a single turn runs long (why 10 ms: docs/benchmark.md, "Session 9: the
 * database side"; why across turns: "Session 8").
 * A request's writes may go into several commits (it writes, awaits a signature check, writes again), and a commit may
 * fail after the request wrote in it but before it replies. So a reply fails if any shared commit failed while its
 * request ran (ledger() at its start, durable() before its reply): every request that could have written in it is
 * told, including some that did not (a read, or writes that all went into other commits) — a disk that fails one
 * commit rarely saves the next. Telling exactly who wrote in which commit would need the request's async context in
 * every unit: Node 20's AsyncLocalStorage did that, and cost every request (docs/benchmark.md, "Session 8").
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
  /** Shared commits that failed so far, and the last failure (what a reply that must fail reports). */
  private failures = 0;
  private lastFailure: unknown;

  constructor(
    private readonly db: Db,
    private readonly maxHoldMs = 10,
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
    }
    this.depth += 1;
    try {
      return this.unitOfWork(fn) as T;
    } finally {
      this.depth -= 1;
    }
  }

  /** Opens the shared transaction unless one is open; endOfTurn, from the end of this turn, decides when to commit. */
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

  /** A request starts (its writes are on their way): the shared commits that fail from now on are reported to it. */
  ledger(): WriteLedger {
    this.busy = true;
    return { failuresSeen: this.failures };
  }

  /**
   * Resolves once everything written so far is committed (flushed()), unless a shared commit failed since the ledger
   * was made or last reported a failure: then rejects with that failure, once (the error reply that follows is judged
   * only on what is written after it).
   */
  async durable(ledger: WriteLedger): Promise<void> {
    await this.flushed().catch(() => undefined); // a failure here is counted in failures
    if (this.failures === ledger.failuresSeen) return;
    ledger.failuresSeen = this.failures;
    throw this.lastFailure;
  }

  /**
   * Commits the shared transaction now: from endOfTurn, from a unit that finds it older than maxHoldMs, at shutdown,
   * and from the WAL checkpointer before the WAL starts over (db/checkpointer.ts, given it by server/start.ts).
   */
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
      this.failures += 1;
      this.lastFailure = error;
      settle.reject(error);
    }
  }
}
