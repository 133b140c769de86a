import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpAgent } from '../support/http-agent.js';
import { spawnLabProcess } from '../support/lab-process.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { freePort } from '../support/stack.js';

// The bench compares the lab with tests/bench/floor-server.ts; the comparison is only fair if the floor really runs
// the ceremonies: a real verification that refuses a wrong origin and a replayed challenge.

let floor: ChildProcess;
let base: string;
let origin: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  origin = `http://localhost:${port}`;
  floor = await spawnLabProcess({ port, databasePath: ':memory:', script: 'tests/bench/floor-server.ts' });
});
afterAll(() => {
  floor.kill('SIGTERM');
});

describe('the benchmark floor server', () => {
  it('registers and logs in with real verification, refusing a wrong origin and a replay', async () => {
    const agent = new HttpAgent(base);
    const authenticator = new SoftAuthenticator({ origin });
    const creation = await agent.post('/api/registration/options', { username: 'floor-user' });
    expect(
      (await agent.post('/api/registration/verify', { response: authenticator.createCredential(creation.body) })).body,
    ).toEqual({ verified: true });

    const request = await agent.post('/api/authentication/options', { username: 'floor-user' });
    expect(request.body.allowCredentials).toHaveLength(1);
    const assertion = authenticator.getAssertion(request.body);
    expect((await agent.post('/api/authentication/verify', { response: assertion })).body).toEqual({ verified: true });
    expect((await agent.post('/api/authentication/verify', { response: assertion })).status).toBe(400);

    const again = await agent.post('/api/authentication/options', { username: 'floor-user' });
    const elsewhere = authenticator.getAssertion(again.body, { origin: 'https://evil.example' });
    expect((await agent.post('/api/authentication/verify', { response: elsewhere })).status).not.toBe(200);
  });
});
