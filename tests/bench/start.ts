import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { twoFreePorts } from '../support/stack.js';

// `npm run bench:start`: how long `npm start` takes until GET /api/health answers, on a fresh database and free ports.
// "cold" first removes the build caches (client/dist, dist/), as after a fresh clone or a changed source; "warm" starts
// again with nothing changed, which is what someone restarting the lab feels. Wall-clock, with the load average, and
// the CPU time the started processes used until then (on a shared machine the wall clock is mostly waiting for a core).
const WARM_RUNS = Number(process.env.BENCH_START_RUNS ?? 5);
const CACHES = ['client/dist', 'dist'];

/** CPU time (ms) of every process in the group, including its children that have already exited (Linux /proc). */
function groupCpuMs(group: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      // After the command name: state, ppid, pgrp, ... utime (12th), stime, cutime, cstime.
      if (Number(fields[2]) !== group) continue;
      total += [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return (total * 1000) / tick;
}

async function timeStart(): Promise<{ wall: number; cpu: number }> {
  const [port, idpPort] = await twoFreePorts();
  const dataDir = mkdtempSync(join(tmpdir(), 'lab-start-'));
  const started = performance.now();
  // Its own process group, so the npm → node chain it starts is stopped together.
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      PORT: String(port),
      IDP_PORT: String(idpPort),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dataDir, 'lab.sqlite'),
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok)
          return { wall: performance.now() - started, cpu: groupCpuMs(child.pid!) };
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (performance.now() - started > 60_000) throw new Error('npm start: no healthy lab within 60 s');
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const cache of CACHES) rmSync(cache, { recursive: true, force: true });
const load = loadavg()[0]!.toFixed(2);
const cold = await timeStart();
const warm: { wall: number; cpu: number }[] = [];
for (let i = 0; i < WARM_RUNS; i++) warm.push(await timeStart());
const walls = warm.map((run) => run.wall);
console.log(`npm start → healthy lab (load average ${load}, ${new Date().toISOString()}, Node ${process.version})`);
console.log(`  cold (no build cache): wall ${ms(cold.wall)}, CPU ${ms(cold.cpu)}`);
console.log(
  `  warm (nothing changed), ${WARM_RUNS} runs: wall median ${ms(median(walls))} (min ${ms(Math.min(...walls))}, max ${ms(Math.max(...walls))}), CPU median ${ms(median(warm.map((run) => run.cpu)))}`,
);
