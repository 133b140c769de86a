import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Device, releaseChromium, sharedChromium } from '../support/browser.js';
import { freePort } from '../support/stack.js';
import { browserTestsEnabled } from './guard.js';

// Issue 12 "Done means", tried as a new user would, with the real commands: `npm start` prints the enrollment link; `npm run seed:story` adds taro; a staff member enrolls in Chromium through the printed
// link, looks taro up and reads the matrix and the words to say in Japanese; a customer opens /check, sends a code, and
// staff see the facts beside the matrix. With README_SCREENSHOTS=1 it also writes the README's pictures
// (docs/images/support-*.png; `convert f -colors 256 PNG8:f` then keeps them small), so they show the pages as they
// are.

const SHOTS = process.env.README_SCREENSHOTS ? join(process.cwd(), 'docs', 'images') : null;

describe.runIf(browserTestsEnabled())('support walk-through (issue 12 "Done means")', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'support-walkthrough-'));
  const databasePath = join(dataDir, 'lab.sqlite');
  let child: ChildProcess | undefined;
  let browser: Browser;
  let port: number;
  let printed = '';
  beforeAll(async () => {
    port = await freePort();
    // The real `npm start` (the compiled server), in its own process group so that stopping it stops npm's child too.
    child = spawn('npm', ['start'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: databasePath,
        IDP_MODE: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    for (let i = 0; i < 600 && !printed.includes('Database:'); i++) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    browser = await sharedChromium();
  }, 120_000);
  afterAll(async () => {
    await releaseChromium(browser);
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('printed link → enrollment → taro after seed:story → matrix and words in Japanese → /check code → facts beside the matrix', async () => {
    const link = /Support staff enrollment.*: (\S+)/.exec(printed)?.[1];
    expect(link, printed).toMatch(new RegExp(`^http://localhost:${port}/staff/enroll#`));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/seed-story.ts'], {
      env: { ...process.env, PORT: String(port), DATABASE_PATH: databasePath, IDP_MODE: 'off' },
    });
    expect(stdout).toContain('"taro"');

    const staff = await Device.open(browser, 'pc-with-hello', { locale: 'ja-JP' });
    await staff.page.setViewportSize({ width: 900, height: 900 });
    await staff.page.goto(link!);
    await staff.page.fill('[data-testid=staff-name]', '佐藤');
    await staff.page.click('[data-testid=enroll-button]');
    await staff.page.waitForURL(/\/support$/);
    // The console's forms are in the page before its script (after GET /api/support/me) listens to them; the staff
    // header is drawn in the same turn as the listeners.
    await staff.page.waitForSelector('[data-testid=staff-status]');
    await staff.page.fill('[data-testid=lookup-username]', 'taro');
    await staff.page.click('[data-testid=lookup-button]');
    await staff.page.waitForSelector('[data-testid=matrix]');
    expect(await staff.page.textContent('[data-testid=matrix]')).toContain('Windows 10');
    const cell = '[data-testid=matrix-cell][data-device=windows-10-chrome-bt-absent-hello-no]';
    expect(await staff.page.getAttribute(cell, 'data-kind')).toBe('windows-security-key');
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      // The matrix's first rows: the README shows what a cell looks like, not all 29.
      const box = (await staff.page.locator('[data-testid=matrix]').boundingBox())!;
      await staff.page.screenshot({
        path: join(SHOTS, 'support-console.png'),
        fullPage: true,
        clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 760) },
      });
    }
    await staff.page.click(cell);
    await staff.page.waitForSelector('[data-testid=words] [data-testid=say]');
    // Staff and customer both speak Japanese: one script, to read out as it is.
    const scripts = await staff.page.locator('[data-testid=words] [data-testid=say]').allTextContents();
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/USBポート/);
    if (SHOTS) await staff.page.locator('[data-testid=words]').screenshot({ path: join(SHOTS, 'support-words.png') });

    const customer = await Device.open(browser, 'pc-without-hello', { locale: 'ja-JP' });
    await customer.page.setViewportSize({ width: 390, height: 844 });
    await customer.page.goto(`http://localhost:${port}/check`);
    await customer.page.waitForSelector('[data-testid=found] .fact');
    if (await customer.page.isVisible('[data-testid=bluetooth-absent]'))
      await customer.page.check('[data-testid=bluetooth-absent]');
    await customer.page.fill('[data-testid=check-username]', 'taro');
    await customer.page.click('[data-testid=predict-button]');
    await customer.page.waitForSelector('[data-testid=prediction] [data-testid=dialog-mockup]');
    await customer.page.check('[data-testid=consent]');
    await customer.page.click('[data-testid=send-button]');
    const code = (await customer.page.locator('[data-testid=code-value]').textContent())!;
    if (SHOTS) await customer.page.screenshot({ path: join(SHOTS, 'support-check.png'), fullPage: true });

    await staff.page.fill('[data-testid=check-code]', code);
    await staff.page.click('[data-testid=check-code-button]');
    await staff.page.waitForSelector('[data-testid=check-summary]');
    // The customer typed "taro" without signing in: staff see it as a claim and look the name up themselves.
    await staff.page.click('[data-testid=check-lookup-typed]');
    await staff.page.waitForFunction(() =>
      document.querySelector('[data-testid=account-view] h2')?.textContent?.includes('taro'),
    );
    expect(await staff.page.textContent('[data-testid=check-summary]')).toContain('Linux');
    expect(await staff.page.isVisible('[data-testid=check-summary]')).toBe(true);
    expect(await staff.page.isVisible('[data-testid=matrix]')).toBe(true);
    expect(await staff.page.textContent('[data-testid=audit]')).toMatch(/佐藤.*taro/);
    await Promise.all([staff.close(), customer.close()]);
  }, 90_000);
});
