import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startStack, type Stack } from './stack.js';

type Hook = (fn: () => Promise<void>) => void;

/** A stack started in `before` and closed in `after`, with `api(path)` for the lab's URL of a path. */
function stackBetween(before: Hook, after: Hook, env: Record<string, string>) {
  const current = { stack: undefined as unknown as Stack, api: (path: string) => `${current.stack.labUrl}${path}` };
  before(async () => {
    current.stack = await startStack(env);
  });
  after(async () => {
    // Forgotten as it closes: after a start that failed there is nothing to close, not the stack before it again.
    const stack = current.stack as Stack | undefined;
    current.stack = undefined as unknown as Stack;
    await stack?.close();
  });
  return current;
}

/**
 * A fresh lab and mock identity providers over real HTTP for each test of the file, started before it and closed after
 * it; `api(path)` is the lab's URL for a path. Read `stack` inside tests and hooks only (it changes per test).
 */
export function stackPerTest(env: Record<string, string> = {}) {
  return stackBetween(beforeEach, afterEach, env);
}

/**
 * One lab and mock identity providers over real HTTP for all the tests of the file, started before the first and
 * closed after the last: for files whose tests were written to share one. `api(path)` is the lab's URL for a path.
 * Read `stack` inside tests and hooks only (it is set when the file's tests start).
 */
export function stackPerFile(env: Record<string, string> = {}) {
  return stackBetween(beforeAll, afterAll, env);
}
