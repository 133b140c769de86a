import { describe, expect, it } from 'vitest';
import { openDatabase, repositories } from '../../db/index.js';
import { PER_SOURCE_DAILY_CAP, SOURCES_PER_DAY, utcDay } from '../../db/stranger-attempts.js';
import { sourceOf, strangerAttempt } from '../../server/webauthn/stranger-attempts.js';

// db/stranger-attempts.ts: what a flood of attempts on one account can and cannot grow.
function setUp() {
  const repos = repositories(openDatabase(':memory:'));
  const account = repos.accounts.create('owner', 'Owner', 'handle');
  return { repos, accountId: account.id };
}

describe('stranger attempts', () => {
  it('caps each source per day, and folds sources past the daily limit into one row', () => {
    const { repos, accountId } = setUp();
    const day = '2026-11-30';
    for (let i = 0; i < PER_SOURCE_DAILY_CAP + 10; i++)
      repos.strangerAttempts.count({ accountId, day, source: 'loud' }, 'unfinished');
    for (let i = 0; i < SOURCES_PER_DAY + 5; i++)
      repos.strangerAttempts.count({ accountId, day, source: `s${i}` }, 'cancelled');
    const summary = repos.strangerAttempts.summaryFor(accountId, day);
    expect(summary).toEqual([
      // 'loud' plus the first 99 others fill the day's 100 sources; the last 6 share the overflow row.
      { day, outcome: 'cancelled', attempts: SOURCES_PER_DAY + 5, sources: SOURCES_PER_DAY },
      { day, outcome: 'unfinished', attempts: PER_SOURCE_DAILY_CAP, sources: 1 },
    ]);
    expect(repos.strangerAttempts.summaryFor(accountId, '2026-12-01')).toEqual([]);
  });

  it('settles an attempt to its outcome, or uncounts it, and purges old days', () => {
    const { repos, accountId } = setUp();
    repos.strangerAttempts.count({ accountId, day: '2026-11-01', source: 'a' }, 'unfinished');
    const second = repos.strangerAttempts.count({ accountId, day: '2026-11-30', source: 'a' }, 'unfinished')!;
    const third = repos.strangerAttempts.count({ accountId, day: '2026-11-30', source: 'a' }, 'unfinished')!;
    repos.strangerAttempts.settle(second, 'unfinished', 'timed-out');
    repos.strangerAttempts.settle(third, 'unfinished', null);
    // Settling twice cannot move an attempt that is no longer there.
    repos.strangerAttempts.settle(third, 'unfinished', 'error');
    expect(repos.strangerAttempts.summaryFor(accountId, '2026-11-01')).toEqual([
      { day: '2026-11-30', outcome: 'timed-out', attempts: 1, sources: 1 },
      { day: '2026-11-01', outcome: 'unfinished', attempts: 1, sources: 1 },
    ]);
    repos.strangerAttempts.purgeBefore('2026-11-15');
    expect(repos.strangerAttempts.summaryFor(accountId, '2026-01-01')).toEqual([
      { day: '2026-11-30', outcome: 'timed-out', attempts: 1, sources: 1 },
    ]);
  });

  it("keys a stranger's attempt with the hash of its source, and is no attempt for the account's own browser", () => {
    const from = { ip: '192.0.2.7', key: 'k' };
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(strangerAttempt(undefined, undefined, from, now)).toBeUndefined(); // usernameless: no account named
    expect(strangerAttempt(7, 7, from, now)).toBeUndefined(); // the account's own signed-in browser
    const key = { accountId: 7, day: utcDay(now), source: sourceOf(from.ip, from.key) };
    expect(strangerAttempt(7, undefined, from, now)).toEqual(key);
    expect(strangerAttempt(7, 8, from, now)).toEqual(key);
    expect(key.source).not.toContain('192.0.2.7');
  });
});
