import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Stack } from '../support/stack.js';
import { runStory } from '../support/story-flow.js';
import { withLabAndChromium } from '../support/suite.js';
import { browserTestsEnabled } from './guard.js';

describe.runIf(browserTestsEnabled())('the whole story in Chromium', () => {
  let browser: Browser;
  let stack: Stack;
  withLabAndChromium((started) => ({ browser, stack } = started));

  it('phone passkey → PC dialog explained → Google refused → LINE with the phone code → step-up → passkey on the PC', async () => {
    const steps: string[] = [];
    const result = await runStory(browser, stack.labUrl, stack.idpUrl, async (name, _page, run) => {
      steps.push(name);
      await run();
    });
    expect(steps).toHaveLength(8);
    expect(result.failedKind).toBe('windows-security-key');
    expect(result.failedMockupText).toContain('セキュリティ キーを USB ポートに挿入します');
    expect(result.afterLine).toMatchObject({ method: 'social:line', assurance: 'low' });
    expect(result.afterLineHeader).toContain('LINE 風ログイン');
    expect(result.afterLineHeader).toContain('パスキーでの確認なし');
    expect(result.afterStepUp).toMatchObject({ method: 'hybrid', assurance: 'high' });
    expect(result.finalLogin).toBe('signed-in');
    expect(result.finalMethod).toBe('passkey');
  }, 120_000);
});
