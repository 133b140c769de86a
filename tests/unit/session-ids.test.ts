import { describe, expect, it } from 'vitest';
import { timeOrderedSessionId } from '../../server/plugins/session.js';

describe('session ids', () => {
  it('sort by creation time, so new sessions are appended to the sessions B-tree', () => {
    const times = [1, 35, 36, 1_700_000_000_000, 1_795_626_315_458, 4_000_000_000_000];
    const ids = times.map((time) => timeOrderedSessionId(time));
    expect([...ids].sort()).toEqual(ids);
  });

  it('carry 144 random bits after the clock and never repeat', () => {
    const now = Date.now();
    const ids = Array.from({ length: 2000 }, () => timeOrderedSessionId(now));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 20)) {
      expect(id).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{24}$/);
      expect(Buffer.from(id.slice(9), 'base64url')).toHaveLength(18);
    }
  });
});
