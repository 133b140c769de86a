import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoFreePorts } from '../support/stack.js';

// `npm start` runs the server compiled by scripts/build-server.mjs (every package bundled but a few), not the
// TypeScript the other tests load: this file checks that the compiled lab serves what a visitor and a client need.
const dataDir = mkdtempSync(join(tmpdir(), 'lab-npm-start-'));
let child: ChildProcess;
let lab: string;
let idp: string;

async function start(): Promise<ChildProcess> {
  const [port, idpPort] = await twoFreePorts();
  lab = `http://127.0.0.1:${port}`;
  idp = `http://127.0.0.1:${idpPort}`;
  const started = spawn('npm', ['start'], {
    env: {
      ...process.env,
      PORT: String(port),
      IDP_PORT: String(idpPort),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: lab,
      DATABASE_PATH: join(dataDir, 'lab.sqlite'),
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 600; i++) {
    if (started.exitCode !== null) throw new Error(`npm start exited with ${started.exitCode}`);
    try {
      if ((await fetch(`${lab}/api/health`)).ok) return started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('npm start: no healthy lab within 60 s');
}

async function stop(running: ChildProcess) {
  const exited = new Promise((resolve) => running.once('exit', resolve));
  process.kill(-running.pid!, 'SIGTERM');
  await exited;
}

describe('npm start', () => {
  beforeAll(async () => {
    child = await start();
  }, 120_000);
  afterAll(async () => {
    if (child) await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves a page with its script and the chunks and catalogue that script loads', async () => {
    const page = await fetch(`${lab}/login`, { headers: { 'accept-language': 'ja' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/assets/login.js"></script>');
    const script = await (await fetch(`${lab}/assets/login.js`)).text();
    const chunks = [...script.matchAll(/"\.\/((?:chunk|ja|en)-[A-Z0-9]+\.js)"/g)].map((match) => match[1]);
    expect(chunks.some((chunk) => chunk!.startsWith('chunk-'))).toBe(true);
    for (const chunk of chunks) expect((await fetch(`${lab}/assets/${chunk}`)).status).toBe(200);
  });

  it('validates requests (400 with the error shape), serves the API docs and runs the mock providers', async () => {
    const bad = await fetch(`${lab}/api/registration/options`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 42 }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect((await fetch(`${lab}/api/docs/json`)).status).toBe(200);
    const discovery = await (await fetch(`${idp}/google/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(`${idp}/google`);
  });

  it('reuses both builds when nothing changed', async () => {
    const stamps = ['client/dist/.inputs-hash', 'dist/server/.inputs-hash'];
    const before = stamps.map((stamp) => statSync(stamp).mtimeMs);
    await stop(child);
    child = await start();
    expect(stamps.map((stamp) => statSync(stamp).mtimeMs)).toEqual(before);
  }, 120_000);
});
