import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../server/config.js';
import { ephemeralSecrets } from '../../server/secrets.js';
import { startLab } from '../../server/start.js';
import { pickFreePorts, startOnChosenPorts } from '../../server/startup-errors.js';
import { exitOf, runLabProcess } from '../support/lab-process.js';
import { freePort } from '../support/stack.js';

// The real `npm start` process (server/main.ts), its console read as a newcomer would read it: a failure is one line
// naming the cause and the fix, never a stack trace.

const oneLine = (text: string) => {
  const lines = text.trim().split('\n');
  expect(lines, text).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /);
  return lines[0]!;
};

describe.concurrent('start-up messages of the real process', () => {
  let dir: string;
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lab-startup-'));
    busy = createServer();
    busyPort = await new Promise<number>((resolve) =>
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)),
    );
  });
  afterAll(() => {
    busy?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const db = (name: string) => join(dir, `${name}.sqlite`);

  it('the lab port already in use: names PORT and a free alternative', async () => {
    const result = await runLabProcess({
      PORT: String(busyPort),
      IDP_PORT: String(await freePort()),
      DATABASE_PATH: db('a'),
    });
    expect(result.code).toBe(1);
    const line = oneLine(result.stderr);
    expect(line).toContain(`port ${busyPort} (PORT) is already in use`);
    expect(line).toMatch(/PORT=\d+ npm start/);
  }, 90_000);

  it("the providers' port already in use: names IDP_PORT (and IDP_MODE=off)", async () => {
    const result = await runLabProcess({
      PORT: String(await freePort()),
      IDP_PORT: String(busyPort),
      DATABASE_PATH: db('b'),
    });
    expect(result.code).toBe(1);
    const line = oneLine(result.stderr);
    expect(line).toContain(`port ${busyPort} (IDP_PORT) is already in use`);
    expect(line).toContain('IDP_MODE=off');
  }, 90_000);

  it('PORT equal to IDP_PORT is refused before anything listens', async () => {
    const port = String(await freePort());
    const result = await runLabProcess({ PORT: port, IDP_PORT: port, DATABASE_PATH: db('c') });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toContain(`IDP_PORT must differ from PORT (both are ${port})`);
  }, 90_000);

  it('an unresolvable HOST names HOST and what to use instead', async () => {
    const result = await runLabProcess({
      HOST: 'no-such-host.invalid',
      PORT: String(await freePort()),
      IDP_MODE: 'off',
      DATABASE_PATH: db('d'),
    });
    expect(result.code).toBe(1);
    const line = oneLine(result.stderr);
    expect(line).toContain('HOST "no-such-host.invalid"');
    expect(line).toContain('localhost');
  }, 90_000);

  it('a data folder that cannot be written names the folder and DATABASE_PATH', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const result = await runLabProcess({
      PORT: String(await freePort()),
      IDP_MODE: 'off',
      DATABASE_PATH: join(blocker, 'lab.sqlite'),
    });
    expect(result.code).toBe(1);
    const line = oneLine(result.stderr);
    expect(line).toContain(`data folder "${blocker}" cannot be created or written`);
    expect(line).toContain('DATABASE_PATH=');
  }, 90_000);

  it('PORT=0 prints the port really bound, and the lab answers there', async () => {
    const result = await runLabProcess({ PORT: '0', IDP_PORT: '0', DATABASE_PATH: db('e') }, { until: /Database: / });
    try {
      const port = Number(/open http:\/\/localhost:(\d+)\/login/.exec(result.stdout)?.[1]);
      const idpPort = Number(
        /providers \(demo copies[^)]*\): issuers http:\/\/127\.0\.0\.1:(\d+)\/google/.exec(result.stdout)?.[1],
      );
      // What the process printed, if it did not say where it listens (seen once under load, not understood yet).
      const printed = JSON.stringify({ code: result.code, stdout: result.stdout, stderr: result.stderr });
      expect(port, printed).toBeGreaterThan(0);
      expect(idpPort, printed).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).ok).toBe(true);
      expect((await fetch(`http://127.0.0.1:${idpPort}/line/.well-known/openid-configuration`)).ok).toBe(true);
    } finally {
      result.running?.kill('SIGTERM');
    }
  }, 90_000);

  it('deleting the database while the lab runs stops it with a clear message', async () => {
    const path = db('f');
    const result = await runLabProcess(
      { PORT: String(await freePort()), IDP_MODE: 'off', DATABASE_PATH: path },
      { until: /Database: / },
    );
    const exit = exitOf(result.running!);
    rmSync(path);
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expect(oneLine(stderr)).toContain(`the database file ${path} was deleted or replaced while the lab was running`);
  }, 90_000);
});

// PORT=0 failed once in a shuffled run under load: the process exited early without naming a port. The port it chose
// was free when chosen and taken (by one of the many other tests' servers) before the lab listened on it. The start
// now chooses again; the two ports are chosen together, so on one host they never coincide, and on two hosts (where
// the system may give both the same number) the start chooses again.
describe('PORT=0 when the chosen port is taken before the lab listens', () => {
  const env = { PORT: '0', HOST: '127.0.0.1', IDP_MODE: 'off', DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent' };
  const start = (config: Config) => startLab(config, { secrets: ephemeralSecrets(), logger: false });
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    busyPort = await new Promise<number>((resolve) =>
      busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)),
    );
  });
  afterAll(() => busy?.close());

  it('chooses again and listens on the port it names', async () => {
    const chosen: number[][] = [];
    // The first choice is a port another program holds by the time the lab listens.
    const choose: typeof pickFreePorts = async (wanted) => {
      const ports = chosen.length === 0 ? [busyPort] : await pickFreePorts(wanted);
      chosen.push(ports);
      return ports;
    };
    const { config, running } = await startOnChosenPorts(env, start, choose);
    try {
      expect(chosen).toHaveLength(2);
      expect(config.port).toBe(chosen[1]![0]);
      expect(config.publicOrigin).toBe(`http://localhost:${config.port}`);
      expect((await fetch(`http://127.0.0.1:${config.port}/api/health`)).ok).toBe(true);
    } finally {
      await running.close();
    }
  });

  it('a busy port that was not asked to be chosen (a fixed PORT) is not retried: the one-line error stays', async () => {
    let choices = 0;
    const choose: typeof pickFreePorts = async (wanted) => {
      choices++;
      return pickFreePorts(wanted);
    };
    const started = startOnChosenPorts(
      { ...env, PORT: String(busyPort), IDP_MODE: 'mock', IDP_PORT: '0' },
      start,
      choose,
    );
    await expect(started).rejects.toThrow(`port ${busyPort} (PORT) is already in use`);
    expect(choices).toBe(1);
  });

  it('the lab and the providers on two hosts given the same free port: chooses again and both listen', async () => {
    const chosen: number[][] = [];
    // Probes on two addresses may be given the same number (the system keeps ports per address): the first choice.
    const choose: typeof pickFreePorts = async (wanted) => {
      const ports = await pickFreePorts(wanted);
      chosen.push(chosen.length === 0 ? [ports[0]!, ports[0]!] : ports);
      return chosen.at(-1)!;
    };
    const { config, running } = await startOnChosenPorts({ ...env, IDP_MODE: 'mock', IDP_PORT: '0' }, start, choose);
    try {
      expect(chosen).toHaveLength(2);
      expect([config.port, config.idp.port]).toEqual(chosen[1]);
      expect(config.port).not.toBe(config.idp.port);
      expect((await fetch(`http://127.0.0.1:${config.port}/api/health`)).ok).toBe(true);
      expect((await fetch(`${config.idp.origin}/google/.well-known/openid-configuration`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('the lab and the providers get two different free ports', async () => {
    const [lab, idp] = await pickFreePorts([
      { host: '127.0.0.1', variable: 'PORT' },
      { host: '127.0.0.1', variable: 'IDP_PORT' },
    ]);
    expect(lab).toBeGreaterThan(0);
    expect(idp).toBeGreaterThan(0);
    expect(lab).not.toBe(idp);
  });
});
