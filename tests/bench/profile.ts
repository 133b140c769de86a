import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPILED_LAB, spawnLabProcess } from '../support/lab-process.js';
import { freePort } from '../support/stack.js';
import { labApi, runCeremonies } from './driver.js';

// `npx tsx tests/bench/profile.ts`: the compiled lab (`npm run build` first) pinned to core 0 as `npm run bench` pins
// it, under the bench's login load at c=16 from core 1, with a profiler on the server:
//   PROFILE_NODE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'   V8's CPU profile (written when the server exits)
//   PROFILE_ATTACH='perf record -g -p {pid} -- sleep 16'         any command attached to the server's pid once warm
// PROFILE_SECONDS (16) of load after PROFILE_WARMUP_SECONDS (8); the run's figures are printed as JSON.
// PROFILE_SCRIPT=server/main.ts profiles the TypeScript through tsx instead (file names in the profile).

if (existsSync('/usr/bin/taskset'))
  execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
const seconds = Number(process.env.PROFILE_SECONDS ?? 16);
const dir = mkdtempSync(join(tmpdir(), 'profile-'));
// The server's node flags go through a wrapper, since NODE_OPTIONS refuses --cpu-prof.
const wrapper = join(dir, 'node-with-flags.sh');
writeFileSync(wrapper, '#!/bin/sh\nnode="$1"; shift\nexec "$node" $PROFILE_NODE_FLAGS "$@"\n', { mode: 0o755 });
const port = await freePort();
const server = await spawnLabProcess({
  port,
  databasePath: join(dir, 'lab.sqlite'),
  script: process.env.PROFILE_SCRIPT ?? COMPILED_LAB,
  prefix: ['setsid', 'taskset', '-c', '0', wrapper],
  env: {
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    PROFILE_NODE_FLAGS: process.env.PROFILE_NODE_FLAGS ?? '',
  },
});
try {
  const [base, origin] = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const target = {
    name: 'lab',
    base,
    origin,
    pid: server.pid!,
    api: labApi,
    accounts: await labApi.setup(base, origin),
  };
  await runCeremonies(target, 16, 'login', Number(process.env.PROFILE_WARMUP_SECONDS ?? 8));
  const attached = process.env.PROFILE_ATTACH
    ? spawn('sh', ['-c', process.env.PROFILE_ATTACH.replaceAll('{pid}', String(server.pid))], { stdio: 'inherit' })
    : undefined;
  console.log(JSON.stringify(await runCeremonies(target, 16, 'login', seconds)));
  if (attached && attached.exitCode === null) await new Promise((resolve) => attached.once('exit', resolve));
} finally {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM'); // the lab exits on SIGTERM, so --cpu-prof writes its profile
  await exited;
  rmSync(dir, { recursive: true, force: true });
}
