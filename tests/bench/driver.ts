import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { HttpAgent } from '../support/http-agent.js';
import { SoftAuthenticator } from '../support/soft-authenticator.js';

// The bench's load driver: autocannon connections that each loop over whole ceremonies (options → software
// authenticator → verify) against one server's own endpoints. The lab and the floor share one API; the SimpleWebAuthn
// example has its own (GET for options, the bare credential as the body, one user kept in memory).

export interface BenchAccount {
  username: string;
  authenticator: SoftAuthenticator;
}

interface Ceremony {
  options: { method: 'GET' | 'POST'; path: string; body?: (account: BenchAccount) => unknown };
  verify: { path: string; body: (response: unknown) => unknown };
}

export interface ServerApi {
  login: Ceremony;
  /** Absent where registering under load has no meaning (the example keeps adding passkeys to its one user). */
  registration?: Ceremony;
  /** Accounts for the login runs, each with one passkey, registered through the server's own endpoints. */
  setup: (base: string, origin: string) => Promise<BenchAccount[]>;
}

export interface Target {
  name: string;
  base: string;
  origin: string;
  pid: number;
  api: ServerApi;
  accounts: BenchAccount[];
}

const byUsername = (account: BenchAccount) => ({ username: account.username });

/** The lab's endpoints (the floor server mirrors them). */
export const labApi: ServerApi = {
  login: {
    options: { method: 'POST', path: '/api/authentication/options', body: byUsername },
    verify: { path: '/api/authentication/verify', body: (response) => ({ response }) },
  },
  registration: {
    options: { method: 'POST', path: '/api/registration/options', body: byUsername },
    verify: { path: '/api/registration/verify', body: (response) => ({ response }) },
  },
  setup: async (base, origin) => {
    const accounts: BenchAccount[] = [];
    for (let i = 0; i < 64; i++) {
      const authenticator = new SoftAuthenticator({ origin });
      const agent = new HttpAgent(base);
      const options = await agent.post('/api/registration/options', { username: `bench-${i}` });
      const verify = await agent.post('/api/registration/verify', {
        response: authenticator.createCredential(options.body),
      });
      if (verify.status !== 200) throw new Error(`setup registration failed: ${JSON.stringify(verify.body)}`);
      accounts.push({ username: `bench-${i}`, authenticator });
    }
    return accounts;
  },
};

/**
 * SimpleWebAuthn's example/index.ts: its one in-memory user gets one passkey through its registration endpoints; every
 * login asks for that user's options (allowCredentials with the one passkey, as the lab's accounts have one each).
 * The challenge lives in an express-session (memorystore) whose cookie comes with the options, as a browser's would.
 */
export const exampleApi: ServerApi = {
  login: {
    options: { method: 'GET', path: '/generate-authentication-options' },
    verify: { path: '/verify-authentication', body: (response) => response },
  },
  setup: async (base, origin) => {
    const authenticator = new SoftAuthenticator({ origin });
    const agent = new HttpAgent(base);
    const options = await agent.get('/generate-registration-options');
    const verify = await agent.post<{ verified?: boolean }>(
      '/verify-registration',
      authenticator.createCredential(options.body),
    );
    if (!verify.body.verified) throw new Error(`example registration failed: ${JSON.stringify(verify.body)}`);
    return [{ username: 'user@localhost', authenticator }];
  },
};

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** Bytes a process has written through write/pwrite so far (its SQLite WAL and checkpoints), from /proc; NaN elsewhere. */
export function bytesWritten(pid: number): number {
  try {
    return Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/** New usernames for registration runs, unique across the runs of one bench. */
let nextUser = 0;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export interface CeremonyRun {
  connections: number;
  ceremoniesPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** The server's CPU time per ceremony (µs) and how busy its core was (CPU time ÷ wall time). */
  cpuMicrosPerCeremony: number;
  busy: number;
  /** KB the server wrote per ceremony: sockets excluded (wchar counts them too, so replies' bytes are subtracted). */
  kbWrittenPerCeremony: number;
}

/** One autocannon run where each connection loops over whole ceremonies; latency is per ceremony. */
export async function runCeremonies(
  target: Target,
  connections: number,
  kind: 'login' | 'registration',
  duration: number,
): Promise<CeremonyRun> {
  const ceremony = kind === 'login' ? target.api.login : target.api.registration;
  if (!ceremony) throw new Error(`${target.name} has no ${kind} under load`);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let nextAccount = 0;
  const json = { 'content-type': 'application/json' };
  const cpuBefore = cpuSeconds(target.pid);
  const writtenBefore = bytesWritten(target.pid);
  const result = await autocannon({
    url: target.base,
    connections,
    duration,
    requests: [
      {
        method: ceremony.options.method,
        path: ceremony.options.path,
        setupRequest: (request: any, context: any) => {
          context.started = performance.now();
          context.account =
            kind === 'login'
              ? target.accounts[nextAccount++ % target.accounts.length]
              : {
                  username: `bench-reg-${process.pid}-${nextUser++}`,
                  authenticator: new SoftAuthenticator({ origin: target.origin }),
                };
          request.headers = ceremony.options.body ? { ...json } : {};
          request.body = ceremony.options.body ? JSON.stringify(ceremony.options.body(context.account)) : undefined;
          return request;
        },
        onResponse: (status: number, body: string, context: any, headers: Record<string, string | string[]>) => {
          context.options = status === 200 ? JSON.parse(body) : undefined;
          if (status !== 200) failed += 1;
          // autocannon keeps the header's case as sent: Fastify writes set-cookie, Express Set-Cookie.
          const setCookie = headers['set-cookie'] ?? headers['Set-Cookie'];
          context.cookie = String(Array.isArray(setCookie) ? setCookie[0] : (setCookie ?? '')).split(';')[0];
        },
      },
      {
        method: 'POST',
        path: ceremony.verify.path,
        setupRequest: (request: any, context: any) => {
          if (!context.options) return undefined; // restart the ceremony
          const response =
            kind === 'login'
              ? context.account.authenticator.getAssertion(context.options)
              : context.account.authenticator.createCredential(context.options);
          request.body = JSON.stringify(ceremony.verify.body(response));
          request.headers = { ...json, cookie: context.cookie };
          return request;
        },
        onResponse: (status: number, body: string, context: any) => {
          if (status === 200 && body.includes('"verified":true')) {
            ok += 1;
            latencies.push(performance.now() - context.started);
          } else failed += 1;
        },
      },
    ],
  } as any);
  const cpu = cpuSeconds(target.pid) - cpuBefore;
  const written = bytesWritten(target.pid) - writtenBefore - result.throughput.total;
  latencies.sort((a, b) => a - b);
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    connections,
    ceremoniesPerSecond: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed,
    cpuMicrosPerCeremony: (cpu / ok) * 1e6,
    busy: cpu / seconds,
    kbWrittenPerCeremony: Math.max(0, written) / ok / 1024,
  };
}
