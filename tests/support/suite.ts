import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { startStack, type Stack } from './stack.js';

/**
 * A lab (with its mock providers unless env says otherwise) and one Chromium for the enclosing describe block: started
 * before its tests, closed after them. `use` receives both once they run.
 */
export function withLabAndChromium(
  use: (started: { browser: Browser; stack: Stack }) => void,
  env: Record<string, string> = {},
) {
  let started: { browser?: Browser; stack?: Stack } = {};
  beforeAll(async () => {
    started = { stack: await startStack(env) };
    started.browser = await launchChromium();
    use(started as { browser: Browser; stack: Stack });
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.stack?.close();
  });
}
