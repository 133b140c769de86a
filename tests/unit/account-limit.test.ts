import { describe, expect, it } from 'vitest';
import { FixedWindowCounter } from '../../server/plugins/account-limit.js';

// The per-account limits' memory (security review, session 10): typing many other names must not make the limiter
// forget an account whose window is still running.

const MINUTE = 60_000;

describe('FixedWindowCounter', () => {
  it('keeps a live window however many other keys arrive, and never tracks more than its capacity', () => {
    const counter = new FixedWindowCounter(MINUTE, 50);
    for (let i = 0; i < 3; i++) counter.hit('victim', 0);
    for (let i = 0; i < 200; i++) counter.hit(`filler-${i}`, 1_000);
    expect(counter.hit('victim', 2_000).count).toBe(4);
    expect(counter.size).toBe(50);
  });

  it('makes room by dropping expired windows first', () => {
    const counter = new FixedWindowCounter(MINUTE, 50);
    for (let i = 0; i < 50; i++) counter.hit(`early-${i}`, 0);
    // Each new key gets a window of its own: were they in the shared overflow window, the second would count 2.
    expect(counter.hit('late-a', MINUTE).count).toBe(1);
    expect(counter.hit('late-b', MINUTE).count).toBe(1);
    expect(counter.size).toBe(2);
  });

  it('makes room by forgetting the oldest window that counted one attempt, never one that counted more', () => {
    const counter = new FixedWindowCounter(MINUTE, 50);
    counter.hit('counted', 0);
    counter.hit('counted', 0);
    for (let i = 0; i < 49; i++) counter.hit(`once-${i}`, 0);
    expect(counter.hit('new', 10).count).toBe(1);
    expect(counter.hit('new', 20).count).toBe(2); // a window of its own: 'once-0' made room
    expect(counter.hit('once-0', 30).count).toBe(1); // forgotten, so it starts again (and 'once-1' made room)
    expect(counter.hit('counted', 40).count).toBe(3);
    expect(counter.size).toBe(50);
  });

  it('counts new keys in overflow windows chosen by a keyed hash while every tracked window has counted more', () => {
    const counter = new FixedWindowCounter(MINUTE, 50, 64);
    for (let i = 0; i < 50; i++) for (let n = 0; n < 2; n++) counter.hit(`live-${i}`, 0);
    // A key keeps its overflow window: its count goes up like its own window's would.
    expect([1, 2, 3].map((n) => counter.hit('new-1', n).count)).toEqual([1, 2, 3]);
    // A flood of other names spreads over the 64 windows: 2,000 names leave none of them anywhere near 2,000.
    let highest = 0;
    for (let i = 0; i < 2000; i++) highest = Math.max(highest, counter.hit(`flood-${i}`, 10).count);
    expect(highest).toBeLessThan(100);
    expect(counter.size).toBe(50);
    // Once the tracked windows expire, new keys have room again and start from one.
    expect(counter.hit('new-1', MINUTE + 10).count).toBe(1);
  });

  it('at the real capacity, 10,000 other names in the same minute leave a counted account counted', () => {
    const counter = new FixedWindowCounter(MINUTE);
    for (let i = 0; i < 301; i++) counter.hit('account:victim', 0);
    for (let i = 0; i < 10_000; i++) counter.hit(`account:filler-${i}`, 1_000);
    expect(counter.hit('account:victim', 2_000).count).toBe(302);
    expect(counter.size).toBe(10_000);
  });
});
