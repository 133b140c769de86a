import type { Repositories } from '../../db/index.js';
import { utcDay } from '../../db/stranger-attempts.js';

/** How long counted attempts by browsers not signed in to the account are kept and shown. */
export const STRANGER_ATTEMPT_DAYS = 30;

/**
 * "Attempts by someone who typed your name": per day and outcome, how many and from how many places. Counts only;
 * the attempts themselves never enter the account's history.
 */
export function strangerAttemptSummary(repos: Repositories, accountId: number, now = Date.now()) {
  return repos.strangerAttempts.summaryFor(accountId, utcDay(now - STRANGER_ATTEMPT_DAYS * 86_400_000));
}
