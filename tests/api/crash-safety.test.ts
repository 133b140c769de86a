import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpAgent } from '../support/http-agent.js';
import { COMPILED_LAB, spawnLabProcess } from '../support/lab-process.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { freePort } from '../support/stack.js';

// Kill -9 the real server process in the middle of a burst of registrations; after restart every registration that
// was acknowledged to a client is in the database, and the file passes PRAGMA integrity_check.

const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
const databasePath = join(dataDir, 'lab.sqlite');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const startServer = (port: number) =>
  spawnLabProcess({ port, databasePath, script: COMPILED_LAB, env: { RATE_LIMIT_PER_MINUTE: '1000000' } });

describe('crash safety', () => {
  it('keeps every acknowledged registration through SIGKILL and restarts with an intact database', async () => {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const server = await startServer(port);
    const acknowledged: { username: string; credentialId: string; authenticator: SoftAuthenticator }[] = [];
    let stop = false;

    const worker = async (workerId: number) => {
      for (let i = 0; !stop; i++) {
        const username = `crash-${workerId}-${i}`;
        const agent = new HttpAgent(`http://127.0.0.1:${port}`);
        const authenticator = new SoftAuthenticator({ origin });
        try {
          const options = await agent.post('/api/registration/options', { username });
          const verify = await agent.post('/api/registration/verify', {
            response: authenticator.createCredential(options.body),
          });
          if (verify.status === 200)
            acknowledged.push({ username, credentialId: verify.body.credential.id, authenticator });
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, id) => worker(id));
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL'); // mid-burst: eight workers have requests in flight
    stop = true;
    await Promise.all(workers);
    await exited;
    const acknowledgedAtKill = [...acknowledged];

    const db = new Database(databasePath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set((db.prepare('SELECT id FROM credentials').all() as { id: string }[]).map((row) => row.id));
    db.close();
    expect(acknowledgedAtKill.filter((entry) => !stored.has(entry.credentialId))).toEqual([]);

    // And the lab comes back on the same file: an acknowledged passkey still logs in.
    const restarted = await startServer(port);
    try {
      const { username, authenticator } = acknowledgedAtKill[0]!;
      const agent = new HttpAgent(`http://127.0.0.1:${port}`);
      const options = await agent.post('/api/authentication/options', { username });
      const verify = await agent.post('/api/authentication/verify', {
        response: authenticator.getAssertion(options.body),
      });
      expect(verify.status).toBe(200);
    } finally {
      restarted.kill('SIGKILL');
    }
  }, 60_000);
});
