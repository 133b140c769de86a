import { afterEach, beforeEach } from 'vitest';
import { startStack, type Stack } from './stack.js';

/**
 * A fresh lab and mock identity providers over real HTTP for each test of the file, started before it and closed after
 * it; `api(path)` is the lab's URL for a path. Read `stack` inside tests and hooks only (it changes per test).
 */
export function stackPerTest(env: Record<string, string> = {}) {
  const current = { stack: undefined as unknown as Stack, api: (path: string) => `${current.stack.labUrl}${path}` };
  beforeEach(async () => {
    current.stack = await startStack(env);
  });
  afterEach(async () => {
    await current.stack.close();
  });
  return current;
}
