import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LabHealth } from '../../server/health.js';
import { startStack, type Stack } from '../support/stack.js';

// GET /api/health says 'ok', or 'degraded' with a code per part of the lab that stopped while it serves on: today the
// WAL checkpoint worker (db/checkpointer.ts), whose failure costs speed but no data and used to go unnoticed.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const health = async (stack: Stack) => (await fetch(`${stack.labUrl}/api/health`)).json();

describe('GET /api/health', () => {
  it('is ok while the checkpoint worker runs', async () => {
    const stack = await startStack();
    cleanups.push(() => stack.close());
    expect(await health(stack)).toEqual({ status: 'ok' });
  });

  it('reports a checkpoint worker that failed for real, while the lab serves on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'health-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const databasePath = join(dir, 'lab.sqlite');
    let deleted = false;
    const stack = await startStack(
      { DATABASE_PATH: databasePath },
      {
        // The lab has opened its database when it registers its routes; the worker opens the file after that. Deleted
        // in between, the worker cannot open it (the lab writes on into the file it holds).
        onRoute: () => {
          if (deleted) return;
          deleted = true;
          unlinkSync(databasePath);
        },
      },
    );
    cleanups.push(() => stack.close());
    await vi.waitFor(
      async () =>
        expect(await health(stack)).toEqual({
          status: 'degraded',
          problems: [{ code: 'wal_checkpoints_failed', cause: 'SQLITE_CANTOPEN' }],
        }),
      { timeout: 20_000, interval: 50 },
    );
    expect((await fetch(`${stack.labUrl}/api/session`)).status).toBeLessThan(500);
  });
});

describe('LabHealth', () => {
  it('logs a stopped checkpoint worker once, as an error with its cause', () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const labHealth = new LabHealth(log);
    expect(labHealth.report()).toEqual({ status: 'ok' });
    const failure = Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    labHealth.checkpointsFailed(failure);
    labHealth.checkpointsFailed(new Error('the WAL checkpoint worker exited (code 1)'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { level: number; msg: string; err: { code: string; message: string } };
    expect(line).toMatchObject({
      level: 50,
      err: { code: 'SQLITE_CANTOPEN', message: 'unable to open database file' },
    });
    expect(line.msg).toMatch(/WAL checkpoints/);
    expect(labHealth.report()).toEqual({
      status: 'degraded',
      problems: [{ code: 'wal_checkpoints_failed', cause: 'SQLITE_CANTOPEN' }],
    });
  });
});
