import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { COMPILED_LAB, spawnLabProcess } from '../support/lab-process.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { BrowserLikeClient, freePort } from '../support/stack.js';

// Issue 12 point 1 as a new user meets it: `npm start` prints the enrollment link while nobody is enrolled, and
// `npm run staff:invite` prints another; both work once.

const dataDir = mkdtempSync(join(tmpdir(), 'support-first-start-'));
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(port: number) {
  child = await spawnLabProcess({
    port,
    databasePath: join(dataDir, 'lab.sqlite'),
    script: COMPILED_LAB,
    captureStdout: true,
    env: { LOG_LEVEL: 'warn' },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The banner is printed right after the server listens; the database line ends it (server/main.ts), so what comes
  // before it (the enrollment link, or none) is all there once it is.
  for (let i = 0; i < 600 && !output.includes('Database:'); i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return output;
}

async function enroll(port: number, link: string, name: string) {
  const origin = `http://localhost:${port}`;
  const client = new BrowserLikeClient();
  const token = new URL(link).hash.slice(1);
  const options = await client.request(`http://127.0.0.1:${port}/api/staff/enroll/options`, { json: { token, name } });
  if (options.status !== 200) return options.status;
  const response = new SoftAuthenticator({ origin }).createCredential(JSON.parse(options.body));
  return (await client.request(`http://127.0.0.1:${port}/api/staff/enroll/verify`, { json: { response } })).status;
}

describe('first start', () => {
  it('prints a link until someone enrolls; npm run staff:invite prints a new one', async () => {
    const port = await freePort();
    const first = await start(port);
    const link = /Support staff enrollment.*: (\S+)/.exec(first)?.[1];
    expect(link, first).toMatch(new RegExp(`^http://localhost:${port}/staff/enroll#`));
    expect(await enroll(port, link!, 'Sato')).toBe(200);
    expect(await enroll(port, link!, 'Again')).toBe(410);
    child!.kill('SIGKILL');

    const second = await start(port);
    expect(second).toContain('Database:');
    expect(second).not.toContain('Support staff enrollment');

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/support/invite-cli.ts'],
      { env: { ...process.env, PORT: String(port), DATABASE_PATH: join(dataDir, 'lab.sqlite') } },
    );
    const invited = /: (http\S+)/.exec(stdout)?.[1];
    expect(invited, stdout).toMatch(/\/staff\/enroll#/);
    expect(await enroll(port, invited!, 'Tanaka')).toBe(200);
  }, 60_000);
});
