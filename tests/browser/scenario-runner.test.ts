import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Device, sharedChromium } from '../support/browser.js';
import { startStack, type Stack } from '../support/stack.js';
import { SCENARIOS } from '../scenarios/catalogue.js';
import type { ScenarioResult } from '../scenarios/define.js';
import { browserTestsEnabled } from './guard.js';

// `npm run scenario` as a tester runs it: the real command line, its JSON read back.

function scenarioCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/scenarios/run.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

// The commands run at the same time: each mostly waits on its own Node start-up and browser.
describe.runIf(browserTestsEnabled()).concurrent('npm run scenario', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ IDP_MODE: 'mock' });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('--list names every scenario with its description in the chosen language', async ({ expect }) => {
    const { code, stdout } = await scenarioCli(['--list', '--lang', 'en']);
    expect(code).toBe(0);
    for (const entry of SCENARIOS) expect(stdout).toContain(`${entry.name.padEnd(16)} ${entry.description.en}`);
    expect(SCENARIOS.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['story', 'usb-only-pc', 'synced-copy', 'security-key', 'uv-failing', 'cloned-key']),
    );
  }, 60_000);

  it('runs a scenario against a running lab and prints steps, predicted and observed outcomes and timings', async ({
    expect,
  }) => {
    const { code, stdout, stderr } = await scenarioCli([
      'security-key',
      '--lang',
      'en',
      '--url',
      stack.labUrl,
      '--idp',
      stack.idpUrl,
    ]);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as ScenarioResult;
    expect(result).toMatchObject({
      scenario: 'security-key',
      lang: 'en',
      lab: stack.labUrl,
      freshLab: false,
      agrees: true,
    });
    expect(result.observed).toEqual({ attachment: 'cross-platform', transports: 'usb', outcome: 'signed-in' });
    expect(result.steps.map((step) => step.name)).toEqual(['register the key', 'log out', 'log in with the key']);
    for (const step of result.steps) expect(step.ok && step.ms >= 0).toBe(true);
    // The lab really saw it: the key's account exists there.
    const rows = stack.running.lab.db
      .prepare("SELECT COUNT(*) AS n FROM accounts WHERE username LIKE 'key-%'")
      .get() as { n: number };
    expect(rows.n).toBe(1);
  }, 120_000);

  it('starts a fresh lab when none is named (Japanese descriptions with --lang ja)', async ({ expect }) => {
    const { code, stdout, stderr } = await scenarioCli(['usb-only-pc', '--lang', 'ja']);
    const result = JSON.parse(stdout) as ScenarioResult;
    expect(result.freshLab, stderr).toBe(true);
    expect(result.observed).toMatchObject({ outcome: 'failed', explained: true, fallbacks: true });
    expect(result.agrees).toBe(true);
    expect(code).toBe(0);
    expect(result.description).toContain('USB ポート');
  }, 180_000);

  it("the phone preset is a phone's width", async ({ expect }) => {
    const phone = await Device.open(await sharedChromium(), 'phone');
    expect(await phone.page.evaluate(() => innerWidth)).toBe(390);
    await phone.close();
  });
});
