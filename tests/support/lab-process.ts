import { spawn, type ChildProcess } from 'node:child_process';

export interface LabProcessOptions {
  port: number;
  databasePath: string;
  /** Extra environment (log level, rate limit...). */
  env?: Record<string, string>;
  /** Runs the server through this command, e.g. ['taskset', '-c', '0'] to pin it to a core. */
  prefix?: string[];
  /** The server script; the lab's own by default (the bench also starts tests/bench/floor-server.ts). */
  script?: string;
  /** Keep the server's standard output readable on child.stdout (the owner's-channel test reads codes from it). */
  captureStdout?: boolean;
}

/**
 * `npm start`'s server as a separate process (the crash test kills it, the bench pins it to a core), resolved once
 * GET /api/health answers.
 */
export async function spawnLabProcess(options: LabProcessOptions): Promise<ChildProcess> {
  const [command, ...args] = [...(options.prefix ?? []), process.execPath, '--import', 'tsx', options.script ?? 'server/main.ts'];
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
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${options.port}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the lab server did not start within 20 s');
}
