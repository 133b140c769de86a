import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPILED_LAB, listensOn, spawnLabProcess } from '../support/lab-process.js';

// The test harness's own guard: a lab started on a port another program took first must not be mistaken for the
// other program (parallel test runs pick ports the same way).

let other: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (other ? other.close(() => resolve()) : resolve())));

/** A stranger on a free port that answers every request, health included, with 200. */
async function strangerAnsweringHealth(): Promise<number> {
  other = createServer((_request, response) => response.end('{"status":"ok"}'));
  await new Promise<void>((resolve) => other!.listen(0, '127.0.0.1', resolve));
  return (other.address() as { port: number }).port;
}

describe('spawnLabProcess', () => {
  it('a process that has exited listens on nothing (a lab that lost its port is not taken for the one answering)', async () => {
    const port = await strangerAnsweringHealth();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    expect(listensOn(gone.pid!, port)).toBe(false);
  });

  it('tells a socket this process listens on from one it does not', async () => {
    const port = await strangerAnsweringHealth();
    expect(listensOn(process.pid, port)).toBe(true);
    other!.close();
    await new Promise((resolve) => other!.once('close', resolve));
    other = undefined;
    expect(listensOn(process.pid, port)).toBe(false);
  });

  it('refuses a port another program answers on, instead of returning a lab that never started', async () => {
    const port = await strangerAnsweringHealth();
    await expect(spawnLabProcess({ port, databasePath: ':memory:', script: COMPILED_LAB })).rejects.toThrow(
      /exited .* before it answered on port/,
    );
  });
});
