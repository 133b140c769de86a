import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStory } from '../../server/lab/story.js';
import { Device, releaseChromium, sharedChromium } from '../support/browser.js';
import { axeFindings } from '../support/page-checks.js';
import { consoleAsNewStaff } from '../support/staff-console.js';
import { startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// The support console in Japanese at a phone's width, with a customer (the story's taro) looked up: the matrix of
// sheets passes axe-core, and the words staff read out quote only labels the sheet they are for shows.

describe.runIf(browserTestsEnabled())('support console matrix (ja, 390 px)', () => {
  let browser: Browser;
  let stack: Stack;
  let staff: Device;
  beforeAll(async () => {
    stack = await startStack();
    seedStory(stack.running.lab.repos, stack.config);
    browser = await sharedChromium();
    staff = await consoleAsNewStaff(browser, stack, '佐藤', { width: 390 });
    await staff.page.fill('[data-testid=lookup-username]', 'taro');
    await staff.page.click('[data-testid=lookup-button]');
    await staff.page.waitForSelector('[data-testid=matrix-cell]');
  });
  afterAll(async () => {
    await staff?.close();
    await releaseChromium(browser);
    await stack?.close();
  });

  it('has no serious axe-core finding (each cell is named by what it shows)', async () => {
    const findings = await axeFindings(staff.page);
    expect(findings.map((finding) => `${finding.impact} ${finding.id} @ ${finding.targets[0]}`)).toEqual([]);
  });

  it('the words for each sheet quote only labels that sheet shows', async () => {
    const kinds = [
      ...new Set(
        await staff.page.$$eval('[data-testid=matrix-cell]', (cells) => cells.map((cell) => cell.dataset.kind!)),
      ),
    ];
    expect(kinds).toContain('chrome-mechanism-list');
    const missing: string[] = [];
    for (const kind of kinds) {
      const cell = staff.page.locator(`[data-testid=matrix-cell][data-kind=${kind}]`).first();
      const device = await cell.getAttribute('data-device');
      await cell.click();
      const words = staff.page.locator(`[data-testid=words][data-device="${device}"]`);
      const say = (await words.locator('[data-testid=say] dl').textContent()) ?? '';
      const sheet = (await words.locator('.words__mockups').textContent()) ?? '';
      for (const [, label] of say.matchAll(/「([^」]+)」/g))
        if (!sheet.includes(label!)) missing.push(`${kind}: 「${label}」`);
    }
    expect(missing).toEqual([]);
  });
});
