import { describe, expect, it } from 'vitest';
import { fillRandom, POOLED_FILL_MAX, randomId } from '../../server/plugins/random-id.js';

describe('randomId', () => {
  it('gives ids of the asked length that never repeat, across many refills of its pool', () => {
    // 18 bytes → 24 base64url characters; 5000 ids use the 4 KB pool about 22 times over.
    const ids = Array.from({ length: 5000 }, () => randomId(18));
    expect(ids.every((id) => /^[A-Za-z0-9_-]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Buffer.from(randomId(32), 'base64url')).toHaveLength(32);
  });

  it('does not hand out the same bytes twice when a request does not fit the rest of the pool', () => {
    // Odd sizes leave remainders at every refill; no id may overlap another's bytes (a 10-byte id repeating is 2^-80).
    const ids = Array.from({ length: 3000 }, (_, i) => randomId(10 + (i % 7)));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses sizes it cannot serve: none, negative, fractions, more than its pool', () => {
    expect(() => randomId(4097)).toThrow(RangeError);
    for (const bytes of [0, -1, 1.5]) expect(() => randomId(bytes)).toThrow(RangeError);
  });

  it('fills byte arrays from the same pool without handing out bytes an id got, across refills', () => {
    // Interleaved with ids, 32-byte fills (a challenge) and ids never share bytes: no value repeats.
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const bytes = fillRandom(new Uint8Array(32));
      seen.add(Buffer.from(bytes).toString('base64url'));
      seen.add(randomId(18));
    }
    expect(seen.size).toBe(4000);
    const target = new Uint8Array(16);
    expect(fillRandom(target)).toBe(target);
    expect(fillRandom(Buffer.alloc(POOLED_FILL_MAX))).toHaveLength(POOLED_FILL_MAX);
    expect(() => fillRandom(new Uint8Array(POOLED_FILL_MAX + 1))).toThrow(RangeError);
  });
});
