import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { ceremonyRunner, injectCeremony, registerAccounts } from './inject-accounts.js';

// `npx tsx tests/bench/login-cpu.ts`: a login ceremony's server work, one at a time, in CPU time rather than wall
// time (on a shared VM a process waits for its core; its CPU time per ceremony is what the code costs). The lab is
// built in this process and driven through Fastify's inject (no sockets), with one passkey per account, after a
// warm-up; it prints the median of LOGIN_CPU_ROUNDS rounds of LOGIN_CPU_COUNT logins each, and the bytes the process
// wrote per login (SQLite's WAL and checkpoints). LOGIN_CPU_IN_FLIGHT, LOGIN_CPU_WARMUP and LOGIN_CPU_DB (a path, or
// :memory:) change the run.

const COUNT = Number(process.env.LOGIN_CPU_COUNT ?? 1000);
const ROUNDS = Number(process.env.LOGIN_CPU_ROUNDS ?? 5);
// Logins in flight at once: 1 is "a ceremony's server work"; 16 lets the group commit share commits as at c=16 over HTTP.
const IN_FLIGHT = Number(process.env.LOGIN_CPU_IN_FLIGHT ?? 1);
const WARMUP = Number(process.env.LOGIN_CPU_WARMUP ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'login-cpu-'));
const origin = 'http://localhost:3000';
const lab = await buildApp(
  loadConfig({
    PORT: '3000',
    DATABASE_PATH: process.env.LOGIN_CPU_DB ?? join(dir, 'lab.sqlite'),
    IDP_MODE: 'off',
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '1000000000',
  }),
);
try {
  const accounts = await registerAccounts(lab.app, origin);
  // Client work (the software authenticator's signature) is outside the measured CPU time.
  let clientMicros = 0;
  const login = (i: number) => {
    const { username, authenticator } = accounts[i % accounts.length]!;
    return injectCeremony(lab.app, 'authentication', username, (options) => {
      const client = process.cpuUsage();
      const response = authenticator.getAssertion(options);
      const spent = process.cpuUsage(client);
      clientMicros += spent.user + spent.system;
      return response;
    });
  };
  const logins = ceremonyRunner(IN_FLIGHT, login);
  await logins(WARMUP);
  const perLogin: number[] = [];
  // Bytes this process wrote through write/pwrite (Linux): the WAL frames and the checkpoints' copies.
  const written = () => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
  const writtenBefore = written();
  for (let round = 0; round < ROUNDS; round++) {
    clientMicros = 0;
    const start = process.cpuUsage();
    await logins(COUNT);
    const used = process.cpuUsage(start);
    perLogin.push((used.user + used.system - clientMicros) / COUNT);
  }
  const bytesPerLogin = (written() - writtenBefore) / (COUNT * ROUNDS);
  perLogin.sort((a, b) => a - b);
  console.log(
    `server CPU per login (inject, ${IN_FLIGHT} in flight): median ${perLogin[Math.floor(ROUNDS / 2)]!.toFixed(0)} µs; rounds ${perLogin.map((n) => n.toFixed(0)).join(', ')}; ${(bytesPerLogin / 1024).toFixed(1)} KB written per login`,
  );
} finally {
  await lab.app.close();
  rmSync(dir, { recursive: true, force: true });
}
