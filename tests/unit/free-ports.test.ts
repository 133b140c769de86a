import { describe, expect, it } from 'vitest';
import { twoFreePorts } from '../support/stack.js';

// The test stacks' two ports (the lab's and the mock providers'): each is only free when picked, so the system can
// hand out the same port twice; a stack then refused to start ("IDP_PORT must differ from PORT") in a busy run.
describe('twoFreePorts', () => {
  it('picks again when the system hands out the same port twice', async () => {
    const handedOut = [41000, 41000, 41000, 41001];
    expect(await twoFreePorts(async () => handedOut.shift()!)).toEqual([41000, 41001]);
  });

  it('gives two different real free ports', async () => {
    const [a, b] = await twoFreePorts();
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(a).not.toBe(b);
  });
});
