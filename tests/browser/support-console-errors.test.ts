import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStory } from '../../server/lab/story.js';
import { Device, releaseChromium, sharedChromium } from '../support/browser.js';
import { axeFindings } from '../support/page-checks.js';
import { consoleAsNewStaff } from '../support/staff-console.js';
import { startStack, type Stack } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// The Japanese support console at a phone's width, with the story's taro looked up: it passes axe, the words staff read
// out quote only labels the sheet they are for shows, and it says what went wrong in Japanese (a mistyped code, a staff
// session that ended under an open console: look-up, apply, invite). It showed the server's English sentences, and
// "invite" nothing at all.

describe.runIf(browserTestsEnabled())('support console refusals in Japanese', () => {
  let browser: Browser;
  let stack: Stack;
  let staff: Device;
  beforeAll(async () => {
    stack = await startStack();
    seedStory(stack.running.lab.repos, stack.config);
    browser = await sharedChromium();
    staff = await consoleAsNewStaff(browser, stack, '佐藤', { width: 390 });
  });
  afterAll(async () => {
    await staff?.close();
    await releaseChromium(browser);
    await stack?.close();
  });

  const lookUp = async (page: Page, username: string) => {
    await page.fill('[data-testid=lookup-username]', username);
    await page.click('[data-testid=lookup-button]');
    await page.waitForSelector(`[data-testid=account-view] h2:has-text("${username}")`);
    await page.waitForSelector('[data-testid=matrix]');
  };

  it('with a customer looked up, axe-core finds nothing serious (the matrix cells name what they show)', async () => {
    await lookUp(staff.page, 'taro');
    const findings = await axeFindings(staff.page);
    expect(findings.map((f) => `${f.impact} ${f.id} @ ${f.targets[0]}`)).toEqual([]);
  });

  it('the words for each sheet quote only labels that sheet shows', async () => {
    await lookUp(staff.page, 'taro');
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

  it('the timeline speaks plain Japanese: no raw event codes or screen codes outside "details"', async () => {
    await lookUp(staff.page, 'taro');
    const lines = await staff.page.$$eval('[data-testid=timeline-own] li', (items) =>
      items.map((li) => li.textContent ?? ''),
    );
    expect(lines.length).toBeGreaterThan(0);
    const raw = lines.filter((line) => /\b[a-z]+\.[a-z-]+\b|: [a-z]+(-[a-z]+)+/.test(line));
    expect(raw).toEqual([]);
  });

  it('a mistyped self-check code gets a Japanese sentence, not the schema error in English', async () => {
    await staff.page.fill('[data-testid=check-code]', 'ZZZZ-9999');
    await staff.page.click('[data-testid=check-code-button]');
    await staff.page.waitForSelector('#status[data-tone=error]');
    const text = (await staff.page.textContent('#status')) ?? '';
    expect(text).not.toMatch(/Invalid request|must match|params\//);
  });

  it('when the staff session has ended, a look-up says so in Japanese, not the server sentence in English', async () => {
    const other = await consoleAsNewStaff(browser, stack, '鈴木');
    // The session ends under the open console (expiry, sign-out in another tab).
    await other.context.clearCookies();
    await other.page.fill('[data-testid=lookup-username]', 'taro');
    await other.page.click('[data-testid=lookup-button]');
    await other.page.waitForSelector('#status[data-tone=error]');
    const text = (await other.page.textContent('#status')) ?? '';
    await other.close();
    expect(text).not.toMatch(/[A-Za-z]{4,} [A-Za-z]{4,}/);
  });

  it('when the staff session has ended, a look-up fails without an unhandled error and the audit list says why', async () => {
    const other = await consoleAsNewStaff(browser, stack, '高橋');
    const pageErrors: string[] = [];
    other.page.on('pageerror', (error) => pageErrors.push(error.message));
    await other.context.clearCookies();
    await other.page.fill('[data-testid=lookup-username]', 'taro');
    await other.page.click('[data-testid=lookup-button]');
    // The look-up's refusal, then the audit log's (it is read again after every action): both in the console's words.
    await other.page.waitForSelector('[data-testid=audit] li[data-tone=error]');
    const status = (await other.page.textContent('#status')) ?? '';
    const audit = (await other.page.textContent('[data-testid=audit]')) ?? '';
    await other.close();
    expect(status).toContain('サポート担当者専用');
    expect(audit).toContain('サポート担当者専用');
    expect(pageErrors).toEqual([]);
  });

  it('when the staff session has ended, "apply" and "invite" say so in Japanese', async () => {
    const other = await consoleAsNewStaff(browser, stack, '田中');
    const pageErrors: string[] = [];
    other.page.on('pageerror', (error) => pageErrors.push(error.message));
    await lookUp(other.page, 'taro');
    await other.page.waitForSelector('[data-testid=fix-apply]');
    await other.context.clearCookies();
    await other.page.click('[data-testid=fix-apply] >> nth=0');
    await other.page.waitForFunction(
      () => (document.querySelector('[data-testid=fix-status]')?.textContent ?? '') !== '',
    );
    const afterApply = (await other.page.textContent('[data-testid=fix-status]')) ?? '';
    const before = (await other.page.textContent('#status')) ?? '';
    const seen = other.page.waitForEvent('pageerror', { timeout: 5000 }).catch(() => null);
    await Promise.all([
      other.page.waitForResponse((r) => r.url().endsWith('/api/support/invites')),
      other.page.click('#invite-button'),
    ]);
    await seen;
    const afterInvite = (await other.page.textContent('#status')) ?? '';
    const inviteResult = (await other.page.textContent('#invite-result')) ?? '';
    await other.close();
    expect(afterApply).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    expect(pageErrors).toEqual([]);
    expect(`${afterInvite} ${inviteResult}`.trim()).not.toBe(before.trim());
  });
});
