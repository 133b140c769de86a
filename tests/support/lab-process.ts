import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export interface LabProcessOptions {
  port: number;
  databasePath: string;
  /** Extra environment (log level, rate limit...). */
  env?: Record<string, string>;
  /** Runs the server through this command, e.g. ['taskset', '-c', '0'] to pin it to a core. */
  prefix?: string[];
  /**
   * The server script; the lab's own source by default (the bench starts COMPILED_LAB and its bundled floor). A `.ts`
   * script runs through tsx, a `.js` one on plain Node (COMPILED_LAB).
   */
  script?: string;
  /** Keep the server's standard output readable on child.stdout (the owner's-channel test reads codes from it). */
  captureStdout?: boolean;
}

/**
 * What `npm start` runs: the server compiled by scripts/build-server.mjs (vitest's global setup rebuilds it when its
 * sources changed). Plain Node starts it with a quarter of the CPU the TypeScript loader needs (docs/testing.md).
 */
export const COMPILED_LAB = 'dist/server/main.js';

const nodeArgs = (script: string) => (script.endsWith('.ts') ? ['--import', 'tsx', script] : [script]);

/**
 * `npm start`'s server as a separate process (the crash test kills it, the bench pins it to a core), resolved once
 * GET /api/health answers.
 */
export async function spawnLabProcess(options: LabProcessOptions): Promise<ChildProcess> {
  const [command, ...args] = [
    ...(options.prefix ?? []),
    process.execPath,
    ...nodeArgs(options.script ?? 'server/main.ts'),
  ];
  const child = spawn(command!, args, {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATABASE_PATH: options.databasePath,
      IDP_MODE: 'off',
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    stdio: ['ignore', options.captureStdout ? 'pipe' : 'ignore', 'inherit'],
  });
  let exited: number | string | null | undefined;
  child.once('exit', (code, signal) => (exited = code ?? signal));
  for (let i = 0; i < 200; i++) {
    if (exited !== undefined)
      throw new Error(`the lab server exited (${exited}) before it answered on port ${options.port}`);
    try {
      // Another program may have taken the port between freePort() and this start (tests run in parallel): only a
      // health answer from a socket this child listens on counts.
      const answered = (await fetch(`http://127.0.0.1:${options.port}/api/health`)).ok;
      if (answered && child.pid !== undefined && listensOn(child.pid, options.port)) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the lab server did not start within 20 s');
}

/**
 * Whether process `pid` holds a socket listening on TCP `port` (Linux: the listening sockets' inodes in /proc/net/tcp
 * and tcp6, matched against the process's open file descriptors). Without /proc/net (not Linux) it answers true; a
 * process whose descriptors cannot be read has exited (a child that lost the port and was already reaped): false.
 */
export function listensOn(pid: number, port: number): boolean {
  let fds: string[];
  const listening = new Set<string>();
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  try {
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        const fields = line.trim().split(/\s+/);
        const localPort = Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
        if (localPort === port && fields[3] === '0A') listening.add(fields[9]!);
      }
    }
  } catch {
    return true;
  }
  return fds.some((fd) => {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      return target.startsWith('socket:[') && listening.has(target.slice(8, -1));
    } catch {
      return false; // closed meanwhile
    }
  });
}

export interface LabOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The real `npm start` server (compiled) with its console captured, for start-up messages. Resolves when it exits, or
 * (with `until`) as soon as its output matches; `running` then holds the live child, which the caller stops.
 */
export function runLabProcess(
  env: Record<string, string>,
  options: { until?: RegExp; timeoutMs?: number } = {},
): Promise<LabOutput & { running?: ChildProcess }> {
  const child = spawn(process.execPath, [COMPILED_LAB], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `the lab neither exited nor printed ${options.until} within ${options.timeoutMs ?? 60_000} ms: ${JSON.stringify(output)}`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    const check = () => {
      if (options.until && options.until.test(output.stdout + output.stderr)) {
        clearTimeout(timer);
        resolve({ code: null, ...output, running: child });
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output.stdout += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output.stderr += chunk.toString();
      check();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ...output });
    });
  });
}

/** Waits for a running child's exit and returns what it printed from then on. */
export function exitOf(child: ChildProcess, timeoutMs = 30_000): Promise<LabOutput> {
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the lab did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ...output });
    });
  });
}
