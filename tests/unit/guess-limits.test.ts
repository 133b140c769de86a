import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_BASE_DELAY_MS,
  ACCOUNT_FORGET_MS,
  ACCOUNT_FREE_FAILURES,
  ACCOUNT_MAX_DELAY_MS,
  GuessLimits,
  SOURCE_MAX_FAILURES,
  SOURCE_WINDOW_MS,
} from '../../server/idp/guess-limits.js';

function limitsAt(start = 1_000_000) {
  const clock = { now: start };
  return { clock, limits: new GuessLimits(() => clock.now) };
}

describe('GuessLimits', () => {
  it("per account: the wait doubles after the free failures, is capped, and the owner's known browser never waits", () => {
    const { clock, limits } = limitsAt();
    const waits: number[] = [];
    for (let i = 0; i < ACCOUNT_FREE_FAILURES + 12; i++) {
      const verdict = limits.check(`10.0.0.${i}`, 'taro@line.example', false);
      if (!verdict.allowed) {
        waits.push(verdict.retryAfterSeconds);
        clock.now += verdict.retryAfterSeconds * 1000;
      }
      expect(limits.check(`10.0.0.${i}`, 'taro@line.example', false).allowed).toBe(true);
      limits.failed(`10.0.0.${i}`, 'taro@line.example', false);
      expect(limits.check('192.0.2.1', 'taro@line.example', true)).toEqual({ allowed: true });
    }
    expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8].map((n) => (n * ACCOUNT_BASE_DELAY_MS) / 1000));
    expect(Math.max(...waits)).toBe(ACCOUNT_MAX_DELAY_MS / 1000);
  });

  it('refused attempts are not counted, so they do not push the wait further out', () => {
    const { clock, limits } = limitsAt();
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) limits.failed(`10.0.1.${i}`, 'a@x', false);
    const first = limits.check('10.0.2.1', 'a@x', false);
    expect(first).toMatchObject({ allowed: false, reason: 'account-wait' });
    for (let i = 0; i < 50; i++) expect(limits.check(`10.0.3.${i}`, 'a@x', false).allowed).toBe(false);
    clock.now += (first as { retryAfterSeconds: number }).retryAfterSeconds * 1000;
    expect(limits.check('10.0.2.1', 'a@x', false)).toEqual({ allowed: true });
  });

  it('per source: a limit for that address only, for any account, until the window passes; an account is forgotten after an hour', () => {
    const { clock, limits } = limitsAt();
    for (let i = 0; i < SOURCE_MAX_FAILURES; i++) limits.failed('10.9.9.9', `user${i}@x`, false);
    expect(limits.check('10.9.9.9', 'someone-else@x', true)).toMatchObject({ allowed: false, reason: 'source-limit' });
    expect(limits.check('10.9.9.8', 'someone-else@x', false)).toEqual({ allowed: true });
    for (let i = 0; i < ACCOUNT_FREE_FAILURES + 3; i++) limits.failed(`10.1.1.${i}`, 'b@x', false);
    clock.now += ACCOUNT_FORGET_MS;
    expect(limits.check('10.9.9.9', 'b@x', false)).toEqual({ allowed: true });
  });

  it("a full memory never forgets a wait in force: throw-away names cannot give a victim's guesser a fresh start", () => {
    const clock = { now: 1_000_000 };
    const limits = new GuessLimits(() => clock.now, 100);
    for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) limits.failed(`10.2.0.${i}`, 'victim@x', false);
    const waiting = limits.check('10.3.0.1', 'victim@x', false);
    expect(waiting).toMatchObject({ allowed: false, reason: 'account-wait' });
    // Many more throw-away names than the memory holds, one failure each from fresh addresses.
    for (let i = 0; i < 1000; i++) limits.failed(`10.4.${i >> 8}.${i & 255}`, `junk${i}@x`, false);
    expect(limits.check('10.3.0.1', 'victim@x', false)).toEqual(waiting);
    // Even when every remembered name has a wait in force, the victim's stays (the newcomer is the one not kept).
    for (let name = 0; name < 200; name++)
      for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) limits.failed(`10.5.${name}.${i}`, `heavy${name}@x`, false);
    expect(limits.check('10.3.0.1', 'victim@x', false)).toEqual(waiting);
    // Expired entries make room first.
    clock.now += ACCOUNT_FORGET_MS + SOURCE_WINDOW_MS;
    limits.failed('10.6.0.1', 'later@x', false);
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) limits.failed(`10.6.1.${i}`, 'later@x', false);
    expect(limits.check('10.3.0.1', 'later@x', false)).toMatchObject({ allowed: false, reason: 'account-wait' });
  });

  it('a full memory still counts newcomers: waiting names at its head and junk behind them do not switch the wait off', () => {
    const clock = { now: 1_000_000 };
    const max = 1000;
    const limits = new GuessLimits(() => clock.now, max);
    let address = 0;
    const next = () => `10.${(++address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
    // 64 names with a wait in force at the head (all a full table looks at), then names with one failure behind them.
    for (let name = 0; name < 64; name++)
      for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) limits.failed(next(), `heavy${name}@x`, false);
    for (let name = 0; name < max - 64; name++) limits.failed(next(), `junk${name}@x`, false);
    // A new victim's failures are counted (in a shared overflow entry), so the wait comes as usual.
    for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) limits.failed(next(), 'victim@x', false);
    expect(limits.check(next(), 'victim@x', false)).toMatchObject({ allowed: false, reason: 'account-wait' });
  });

  it('a full memory of addresses at their limit still limits a new address', () => {
    const clock = { now: 1_000_000 };
    const max = 200;
    const limits = new GuessLimits(() => clock.now, max);
    for (let n = 0; n < max; n++)
      for (let i = 0; i < SOURCE_MAX_FAILURES; i++) limits.failed(`10.0.${n >> 8}.${n & 255}`, undefined, false);
    for (let i = 0; i < SOURCE_MAX_FAILURES; i++) limits.failed('192.0.2.1', `spray${i}@x`, false);
    expect(limits.check('192.0.2.1', undefined, false)).toMatchObject({ allowed: false, reason: 'source-limit' });
    // Addresses with a failure or two are forgotten first, so a new address is then remembered as itself.
    const fresh = new GuessLimits(() => clock.now, max);
    for (let n = 0; n < max; n++) fresh.failed(`10.1.${n >> 8}.${n & 255}`, undefined, false);
    for (let i = 0; i < SOURCE_MAX_FAILURES; i++) fresh.failed('192.0.2.2', `spray${i}@x`, false);
    expect(fresh.check('192.0.2.2', undefined, false)).toMatchObject({ allowed: false, reason: 'source-limit' });
  });
});
