import type { Db } from './database.js';

export type StrangerOutcome = 'unfinished' | 'cancelled' | 'timed-out' | 'error';

/** The UTC day an attempt is counted under. */
export const utcDay = (now: number) => new Date(now).toISOString().slice(0, 10);

/** One counted attempt: which account, which UTC day, from which (hashed) source. */
export interface AttemptKey {
  accountId: number;
  day: string;
  source: string;
}

export interface AttemptSummary {
  day: string;
  outcome: StrangerOutcome;
  attempts: number;
  sources: number;
}

/** At most this many attempts per (account, day, source) are counted: one source cannot inflate the summary. */
export const PER_SOURCE_DAILY_CAP = 50;
/** Past this many distinct sources for an account in a day, further sources share one row ('*'). */
export const SOURCES_PER_DAY = 100;
const OVERFLOW_SOURCE = '*';

export function strangerAttemptRepository(db: Db) {
  const sourceTotal = db.prepare<[number, string, string], { total: number | null }>(
    'SELECT SUM(count) AS total FROM stranger_attempts WHERE account_id = ? AND day = ? AND source = ?',
  );
  const sourcesToday = db.prepare<[number, string], { n: number }>(
    'SELECT COUNT(DISTINCT source) AS n FROM stranger_attempts WHERE account_id = ? AND day = ?',
  );
  const add = db.prepare<[number, string, string, string]>(
    `INSERT INTO stranger_attempts (account_id, day, source, outcome, count) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (account_id, day, source, outcome) DO UPDATE SET count = count + 1`,
  );
  const remove = db.prepare<[number, string, string, string]>(
    'UPDATE stranger_attempts SET count = count - 1 WHERE account_id = ? AND day = ? AND source = ? AND outcome = ? AND count > 0',
  );
  const summary = db.prepare<[number, string], AttemptSummary>(
    `SELECT day, outcome, SUM(count) AS attempts, COUNT(DISTINCT source) AS sources FROM stranger_attempts
     WHERE account_id = ? AND day >= ? AND count > 0 GROUP BY day, outcome ORDER BY day DESC, outcome`,
  );
  const purge = db.prepare<[string]>('DELETE FROM stranger_attempts WHERE day < ? OR count <= 0');

  return {
    /**
     * Counts an attempt under its outcome; returns the key it was counted under, or undefined when this source has
     * used up its daily allowance for the account (the attempt is then not counted at all).
     */
    count: (key: AttemptKey, outcome: StrangerOutcome): AttemptKey | undefined => {
      const known = sourceTotal.get(key.accountId, key.day, key.source)?.total ?? null;
      let source = key.source;
      if (known === null && sourcesToday.get(key.accountId, key.day)!.n >= SOURCES_PER_DAY) source = OVERFLOW_SOURCE;
      else if ((known ?? 0) >= PER_SOURCE_DAILY_CAP) return undefined;
      add.run(key.accountId, key.day, source, outcome);
      return { ...key, source };
    },
    /** Moves a counted attempt to its final outcome, or (outcome null) uncounts it: the owner signed in after all. */
    settle: (key: AttemptKey, from: StrangerOutcome, to: StrangerOutcome | null) => {
      if (remove.run(key.accountId, key.day, key.source, from).changes === 0) return;
      if (to) add.run(key.accountId, key.day, key.source, to);
    },
    /** Per day and outcome since `sinceDay`, newest first: counts only, nothing a stranger typed. */
    summaryFor: (accountId: number, sinceDay: string): AttemptSummary[] => summary.all(accountId, sinceDay),
    purgeBefore: (day: string) => purge.run(day).changes,
  };
}
