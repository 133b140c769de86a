import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpAgent } from '../support/http-agent.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';
import { freePort } from '../support/stack.js';

// `npm run bench`: full ceremonies over HTTP (options → software authenticator → verify) driven by autocannon at
// several concurrencies, next to the bare verifyAuthenticationResponse rate and the raw ECDSA P-256 verify rate
// measured in the same run, as ratios. The server and the baselines run pinned to core 0, the load on core 1.

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,4,16,32').split(',').map(Number);
const canPin = existsSync('/usr/bin/taskset') && (await import('node:os')).cpus().length >= 2;
const pinned = (core: number, command: string[]) => (canPin ? ['taskset', '-c', String(core), ...command] : command);
if (canPin) execFileSync('taskset', ['-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });

function baselines(): Record<string, number> {
  const [command, ...args] = pinned(0, [process.execPath, '--import', 'tsx', 'tests/bench/baselines.ts']);
  return JSON.parse(execFileSync(command!, args, { encoding: 'utf8' })) as Record<string, number>;
}

async function startServer(port: number, databasePath: string): Promise<ChildProcess> {
  const [command, ...args] = pinned(0, [process.execPath, '--import', 'tsx', 'server/main.ts']);
  const child = spawn(command!, args, {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, IDP_MODE: 'off', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not start');
}

interface Ceremony {
  username: string;
  authenticator: SoftAuthenticator;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** One autocannon run where each connection loops over whole ceremonies; latency is per ceremony. */
async function runCeremonies(base: string, connections: number, kind: 'login' | 'registration', accounts: Ceremony[], origin: string) {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let nextAccount = 0;
  let nextUser = 0;
  const json = { 'content-type': 'application/json' };
  const result = await autocannon({
    url: base,
    connections,
    duration: DURATION_S,
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
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const origin = `http://localhost:${port}`;
console.log(`Passkey Dialog Lab benchmark — ${new Date().toISOString()} — Node ${process.version}${canPin ? ', server and baselines pinned to core 0, load on core 1' : ', not pinned (taskset missing or one core)'}`);
console.log('Measuring baselines (raw ECDSA P-256 verify; bare verifyAuthenticationResponse)…');
const base1 = baselines();
const server = await startServer(port, join(dataDir, 'lab.sqlite'));
try {
  const accounts: Ceremony[] = [];
  for (let i = 0; i < 64; i++) {
    const authenticator = new SoftAuthenticator({ origin });
    const agent = new HttpAgent(base);
    const options = await agent.post('/api/registration/options', { username: `bench-${i}` });
    const verify = await agent.post('/api/registration/verify', { response: authenticator.createCredential(options.body) });
    if (verify.status !== 200) throw new Error(`setup registration failed: ${JSON.stringify(verify.body)}`);
    accounts.push({ username: `bench-${i}`, authenticator });
  }
  const rows: string[] = [];
  const bare = base1.bareVerifyAuthentication16InFlightPerSecond!;
  const bareSequential = base1.bareVerifyAuthenticationSequentialPerSecond!;
  const raw = base1.rawEcdsaVerifyPerSecond!;
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 0) : '—');
  for (const kind of ['login', 'registration'] as const) {
    for (const connections of CONCURRENCIES) {
      const r = await runCeremonies(base, connections, kind, accounts, origin);
      rows.push(
        `${kind.padEnd(13)} c=${String(connections).padEnd(3)} ${fmt(r.ceremoniesPerSecond).padStart(6)} ceremonies/s   p50 ${fmt(r.p50).padStart(6)} ms   p99 ${fmt(r.p99).padStart(6)} ms   ` +
          `÷ bare verify ${(r.ceremoniesPerSecond / bareSequential).toFixed(2)} (sequential) ${(r.ceremoniesPerSecond / bare).toFixed(2)} (16 in flight)   ÷ raw ECDSA ${(r.ceremoniesPerSecond / raw).toFixed(3)}   failed ${r.failed}`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
  console.log('');
  console.log(`raw ECDSA P-256 verify (node:crypto, one core):            ${fmt(raw)} /s`);
  console.log(`bare verifyAuthenticationResponse, sequential (one core):  ${fmt(base1.bareVerifyAuthenticationSequentialPerSecond!)} /s`);
  console.log(`bare verifyAuthenticationResponse, 16 in flight (one core): ${fmt(bare)} /s   (bare / raw ECDSA = ${(bare / raw).toFixed(3)})`);
  console.log('Targets (issue 6): login at c=16 ≥ 0.50 × bare verify on one core, p99 < 25 ms at c=16.');
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
