import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpAgent } from '../support/http-agent.js';
import { COMPILED_LAB, spawnLabProcess } from '../support/lab-process.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { freePort } from '../support/stack.js';

// Under `npm start` the owner's other channel is the server console: the code appears there (in both languages, with
// LOG_LEVEL=silent too) and never in the HTTP reply, and entering it completes the proofing.

const dataDir = mkdtempSync(join(tmpdir(), 'owner-channel-'));
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the owner's other channel under npm start", () => {
  it('prints the identity-proofing code on the server console only', async () => {
    const port = await freePort();
    server = await spawnLabProcess({
      port,
      databasePath: join(dataDir, 'lab.sqlite'),
      script: COMPILED_LAB,
      env: { RATE_LIMIT_PER_MINUTE: '1000' },
      captureStdout: true,
    });
    let stdout = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });

    const owner = new HttpAgent(`http://127.0.0.1:${port}`);
    const options = await owner.post('/api/registration/options', { username: 'console-owner' });
    expect(
      (
        await owner.post('/api/registration/verify', {
          response: new SoftAuthenticator({ origin: `http://localhost:${port}` }).createCredential(options.body),
        })
      ).status,
    ).toBe(200);

    const browser = new HttpAgent(`http://127.0.0.1:${port}`);
    const asked = await browser.post('/api/recovery/code', { username: 'console-owner' });
    expect(asked.status).toBe(202);
    let code: string | undefined;
    for (let i = 0; i < 100 && !code; i++) {
      code = /To console-owner: your identity-proofing code is (\d{8})/.exec(stdout)?.[1];
      if (!code) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(code).toMatch(/^\d{8}$/);
    expect(stdout).toContain("Owner's other channel");
    expect(stdout).toContain('アカウント所有者への別経路');
    expect(JSON.stringify(asked.body)).not.toContain(code!);

    const done = await browser.post('/api/recovery/identity-proofing', { username: 'console-owner', code });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ revokedSessions: 1, mayRegisterPasskey: true });
  });
});
