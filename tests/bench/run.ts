import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpAgent } from '../support/http-agent.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { spawnLabProcess } from '../support/lab-process.js';
import { freePort } from '../support/stack.js';

// `npm run bench`: full ceremonies over HTTP (options → software authenticator → verify) driven by autocannon at
// several concurrencies, next to the bare verifyAuthenticationResponse rate and the raw ECDSA P-256 verify rate
// measured in the same run, as ratios. The server and the baselines run pinned to core 0, the load on core 1.

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const TARGET_ROUNDS = Number(process.env.BENCH_TARGET_ROUNDS ?? 3);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,4,16,32').split(',').map(Number);
const canPin = existsSync('/usr/bin/taskset') && (await import('node:os')).cpus().length >= 2;
const pinned = (core: number, command: string[]) => (canPin ? ['taskset', '-c', String(core), ...command] : command);
if (canPin) execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });

function baselines(): Record<string, number> {
  const [command, ...args] = pinned(0, [process.execPath, '--import', 'tsx', 'tests/bench/baselines.ts']);
  return JSON.parse(execFileSync(command!, args, { encoding: 'utf8' })) as Record<string, number>;
}

const startServer = (port: number, databasePath: string) =>
  spawnLabProcess({ port, databasePath, prefix: canPin ? ['taskset', '-c', '0'] : [], env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000000' } });

interface Ceremony {
  username: string;
  authenticator: SoftAuthenticator;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 0) : '—');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** One autocannon run where each connection loops over whole ceremonies; latency is per ceremony. */
async function runCeremonies(base: string, connections: number, kind: 'login' | 'registration', accounts: Ceremony[], origin: string, duration = DURATION_S) {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let nextAccount = 0;
  let nextUser = 0;
  const json = { 'content-type': 'application/json' };
  const result = await autocannon({
    url: base,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: kind === 'login' ? '/api/authentication/options' : '/api/registration/options',
        headers: json,
        setupRequest: (request: any, context: any) => {
          context.started = performance.now();
          if (kind === 'login') {
            context.account = accounts[nextAccount++ % accounts.length];
            request.body = JSON.stringify({ username: context.account.username });
          } else {
            context.account = { username: `bench-reg-${process.pid}-${nextUser++}`, authenticator: new SoftAuthenticator({ origin }) };
            request.body = JSON.stringify({ username: context.account.username });
          }
          request.headers = { ...json };
          return request;
        },
        onResponse: (status: number, body: string, context: any, headers: Record<string, string | string[]>) => {
          context.options = status === 200 ? JSON.parse(body) : undefined;
          const setCookie = headers['set-cookie'];
          context.cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie ?? '').split(';')[0];
        },
      },
      {
        method: 'POST',
        path: kind === 'login' ? '/api/authentication/verify' : '/api/registration/verify',
        setupRequest: (request: any, context: any) => {
          if (!context.options) return undefined; // restart the ceremony
          const response = kind === 'login' ? context.account.authenticator.getAssertion(context.options) : context.account.authenticator.createCredential(context.options);
          request.body = JSON.stringify({ response });
          request.headers = { ...json, cookie: context.cookie };
          return request;
        },
        onResponse: (status: number, _body: string, context: any) => {
          if (status === 200) {
            ok += 1;
            latencies.push(performance.now() - context.started);
          } else failed += 1;
        },
      },
    ],
  } as any);
  latencies.sort((a, b) => a - b);
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    connections,
    ceremoniesPerSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed,
    errors: result.errors + result.non2xx - failed,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
const [port, floorPort] = [await freePort(), await freePort()];
const base = `http://127.0.0.1:${port}`;
const origin = `http://localhost:${port}`;
const floorBase = `http://127.0.0.1:${floorPort}`;
const floorOrigin = `http://localhost:${floorPort}`;

/** Registers 64 accounts, one passkey each, for the login runs. */
async function registerAccounts(base: string, origin: string): Promise<Ceremony[]> {
  const accounts: Ceremony[] = [];
  for (let i = 0; i < 64; i++) {
    const authenticator = new SoftAuthenticator({ origin });
    const agent = new HttpAgent(base);
    const options = await agent.post('/api/registration/options', { username: `bench-${i}` });
    const verify = await agent.post('/api/registration/verify', { response: authenticator.createCredential(options.body) });
    if (verify.status !== 200) throw new Error(`setup registration failed: ${JSON.stringify(verify.body)}`);
    accounts.push({ username: `bench-${i}`, authenticator });
  }
  return accounts;
}

console.log(`Passkey Dialog Lab benchmark — ${new Date().toISOString()} — Node ${process.version}${canPin ? ', servers and baselines pinned to core 0, load on core 1' : ', not pinned (taskset missing or one core)'}`);
console.log('Measuring baselines (raw ECDSA P-256 verify; bare verifyAuthenticationResponse)…');
const before = baselines();
const server = await startServer(port, join(dataDir, 'lab.sqlite'));
const floorServer = await spawnLabProcess({ port: floorPort, databasePath: ':memory:', script: 'tests/bench/floor-server.ts', prefix: canPin ? ['taskset', '-c', '0'] : [] });
try {
  const accounts = await registerAccounts(base, origin);
  const floorAccounts = await registerAccounts(floorBase, floorOrigin);
  // Not recorded: a fresh process runs cold (V8 compiles the hot paths in tiers, SQLite's cache fills). Measured in
  // 2 s windows of login at c=16 from start: 490 → 770 → 1020 ceremonies/s, steady (~1050 ± 8 %) after 6–8 s.
  await runCeremonies(base, 16, 'login', accounts, origin, WARMUP_S);
  await runCeremonies(base, 16, 'registration', accounts, origin, Math.min(WARMUP_S, 3));
  await runCeremonies(floorBase, 16, 'login', floorAccounts, floorOrigin, WARMUP_S);
  // The verdict: login at c=16 in TARGET_ROUNDS rounds, each between two baseline measurements (a shared VM drifts
  // within seconds); the median round decides. Each round also drives the floor server (tests/bench/floor-server.ts)
  // the same way: what a login over HTTP reaches with none of the lab's own work.
  const roundLines: string[] = [];
  const rounds: { lab: number; floor: number; bare16: number; bareSequential: number; p99: number }[] = [];
  let previous = before;
  for (let round = 1; round <= TARGET_ROUNDS; round++) {
    const lab = await runCeremonies(base, 16, 'login', accounts, origin);
    const floor = await runCeremonies(floorBase, 16, 'login', floorAccounts, floorOrigin);
    const next = baselines();
    const around = (key: string) => (previous[key]! + next[key]!) / 2;
    const r = {
      lab: lab.ceremoniesPerSecond,
      floor: floor.ceremoniesPerSecond,
      bare16: around('bareVerifyAuthentication16InFlightPerSecond'),
      bareSequential: around('bareVerifyAuthenticationSequentialPerSecond'),
      p99: lab.p99,
    };
    rounds.push(r);
    roundLines.push(
      `  round ${round}: ${fmt(r.lab)} ceremonies/s = ${(r.lab / r.bare16).toFixed(2)} × bare (16 in flight), ${(r.lab / r.bareSequential).toFixed(2)} × bare (sequential); p99 ${fmt(r.p99)} ms` +
        ` | floor ${fmt(r.floor)}/s = ${(r.floor / r.bare16).toFixed(2)} × bare (16 in flight), p99 ${fmt(floor.p99)} ms; lab = ${(r.lab / r.floor).toFixed(2)} × floor`,
    );
    previous = next;
  }
  const tableBefore = previous;

  const results: { kind: string; connections: number; ceremoniesPerSecond: number; p50: number; p99: number; failed: number }[] = [];
  for (const kind of ['login', 'registration'] as const) {
    for (const connections of CONCURRENCIES) {
      const r = await runCeremonies(base, connections, kind, accounts, origin);
      results.push({ kind, ...r });
      console.log(`${kind.padEnd(13)} c=${String(connections).padEnd(3)} ${fmt(r.ceremoniesPerSecond).padStart(6)} ceremonies/s   p50 ${fmt(r.p50).padStart(6)} ms   p99 ${fmt(r.p99).padStart(6)} ms   failed ${r.failed}`);
    }
  }
  // The lab's framework stack alone (helmet headers, session, cookies, group commit hook) on its cheapest route.
  const health = await autocannon({ url: `${base}/api/health`, connections: 16, duration: DURATION_S });
  const healthPerSecond = health.requests.average;
  const floorHealth = await autocannon({ url: `${floorBase}/api/health`, connections: 16, duration: DURATION_S });
  const after = baselines();

  // Baselines measured before and after the table's ceremonies; their mean is the one used, so slow drift on a shared VM
  // moves the numerator and the denominator together.
  const mean = (key: string) => (tableBefore[key]! + after[key]!) / 2;
  const raw = mean('rawEcdsaVerifyPerSecond');
  const bareSequential = mean('bareVerifyAuthenticationSequentialPerSecond');
  const bare = mean('bareVerifyAuthentication16InFlightPerSecond');
  console.log('');
  console.log('Ratios (ceremonies/s ÷ baseline):');
  for (const r of results) {
    console.log(
      `${r.kind.padEnd(13)} c=${String(r.connections).padEnd(3)} ÷ bare verify ${(r.ceremoniesPerSecond / bareSequential).toFixed(2)} (sequential)  ${(r.ceremoniesPerSecond / bare).toFixed(2)} (16 in flight)   ÷ raw ECDSA ${(r.ceremoniesPerSecond / raw).toFixed(3)}`,
    );
  }
  console.log('');
  const line = (label: string, key: string) => console.log(`${label.padEnd(60)} ${fmt(mean(key)).padStart(6)} /s   (before ${fmt(tableBefore[key]!)}, after ${fmt(after[key]!)})`);
  line('raw ECDSA P-256 verify (node:crypto, one core):', 'rawEcdsaVerifyPerSecond');
  line('bare verifyAuthenticationResponse, sequential (one core):', 'bareVerifyAuthenticationSequentialPerSecond');
  line('bare verifyAuthenticationResponse, 16 in flight (one core):', 'bareVerifyAuthentication16InFlightPerSecond');
  console.log(`GET /api/health through the lab's stack, c=16:                ${fmt(healthPerSecond).padStart(6)} /s`);
  console.log(`GET /api/health on the floor server (bare Fastify), c=16:     ${fmt(floorHealth.requests.average).padStart(6)} /s`);
  console.log('');
  console.log(`Targets (issue 6): login at c=16, ${TARGET_ROUNDS} rounds (run first, on the fresh database), each ÷ the mean of the baselines measured just before and after it:`);
  for (const roundLine of roundLines) console.log(roundLine);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ratio = median(rounds.map((r) => r.lab / r.bare16));
  const ratioSequential = median(rounds.map((r) => r.lab / r.bareSequential));
  const p99 = median(rounds.map((r) => r.p99));
  console.log(
    `  median: ≥ 0.50 × bare verify → ${ratio.toFixed(2)} (16 in flight), ${ratioSequential.toFixed(2)} (sequential): ` +
      `${ratio >= 0.5 ? 'met' : ratioSequential >= 0.5 ? 'met against the sequential rate only' : 'not met'}; p99 < 25 ms → ${fmt(p99)} ms: ${p99 < 25 ? 'met' : 'not met'}.`,
  );
  // In µs per ceremony: what the lab adds to the floor, and what the 0.50 target would leave for it.
  const labExtra = median(rounds.map((r) => 1e6 / r.lab - 1e6 / r.floor));
  const budget = median(rounds.map((r) => 1e6 / (0.5 * r.bare16) - 1e6 / r.floor));
  console.log(
    `  floor (no lab work at all): ${median(rounds.map((r) => r.floor / r.bare16)).toFixed(2)} × bare (16 in flight); the lab runs at ${median(rounds.map((r) => r.lab / r.floor)).toFixed(2)} × floor.\n` +
      `  The lab adds ${fmt(labExtra)} µs per ceremony to the floor; 0.50 × bare (16 in flight) would leave it ${fmt(budget)} µs.`,
  );
} finally {
  floorServer.kill('SIGTERM');
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
