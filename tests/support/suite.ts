import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { releaseChromium, sharedChromium } from './browser.js';
import { startStack, type Stack } from './stack.js';

/**
 * A lab (with its mock providers unless env says otherwise) and the worker's Chromium for the enclosing describe block:
 * the lab started and the browser borrowed before its tests, closed and given back after them. `use` receives both
 * once they run.
 */
export function withLabAndChromium(
  use: (started: { browser: Browser; stack: Stack }) => void,
  env: Record<string, string> = {},
) {
  let started: { browser?: Browser; stack?: Stack } = {};
  beforeAll(async () => {
    started = { stack: await startStack(env) };
    started.browser = await sharedChromium();
    use(started as { browser: Browser; stack: Stack });
  });
  afterAll(async () => {
    await releaseChromium(started.browser);
    await started.stack?.close();
  });
}
