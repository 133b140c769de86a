import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The SimpleWebAuthn project's own example server (Express, everything in memory) as a baseline for `npm run bench`,
// built from its source at a pinned commit, outside the lab's repository (docs/benchmark.md says why it comes from a
// git directory and not from GitHub or npm). `npm run bench:install-example` runs this file; the bench calls it too.

/** The upstream commit the baseline is built from (tag v13.3.2 of MasterKale/SimpleWebAuthn). */
export const EXAMPLE_COMMIT = process.env.SIMPLEWEBAUTHN_COMMIT ?? '803d1da15bb6868fcaf557fcdcd24b73cb82bcd9';
export const EXAMPLE_REPO = process.env.SIMPLEWEBAUTHN_REPO ?? '/work/.mirror/MasterKale+SimpleWebAuthn/repo';
const CACHE_ROOT =
  process.env.BENCH_CACHE_DIR ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'passkey-dialog-lab-bench');

// The example listens on a fixed port 8000 and derives its expected origin from it; the bench needs a free port. This
// is the one line of its source changed (the rest is configuration: RP_ID through its dotenv variables).
const PORT_LINE = 'const port = 8000;';
const PORT_FROM_ENV = 'const port = Number(process.env.PORT ?? 8000);';

export type ExampleInstall = { ok: true; dir: string; serverVersion: string } | { ok: false; reason: string };

const labServerVersion = (): string => {
  const lab = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return lab.dependencies['@simplewebauthn/server']!;
};

/** Installs the example once per (commit, library version) into the cache; later calls reuse it. */
export function installExample(log: (line: string) => void = () => {}): ExampleInstall {
  const serverVersion = labServerVersion();
  const dir = join(CACHE_ROOT, `simplewebauthn-example-${EXAMPLE_COMMIT.slice(0, 12)}-server-${serverVersion}`);
  if (existsSync(join(dir, 'dist', 'index.js'))) return { ok: true, dir, serverVersion };
  try {
    execFileSync('git', ['-C', EXAMPLE_REPO, 'cat-file', '-e', `${EXAMPLE_COMMIT}:example/index.ts`], {
      stdio: 'ignore',
    });
  } catch {
    return {
      ok: false,
      reason: `no SimpleWebAuthn source with example/ at ${EXAMPLE_COMMIT} in ${EXAMPLE_REPO} (set SIMPLEWEBAUTHN_REPO to a clone)`,
    };
  }
  log(
    `Installing the SimpleWebAuthn example (${EXAMPLE_COMMIT.slice(0, 12)} from ${EXAMPLE_REPO}, @simplewebauthn/server ${serverVersion}) into ${dir}…`,
  );
  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const archive = execFileSync('git', ['-C', EXAMPLE_REPO, 'archive', EXAMPLE_COMMIT, 'example'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', work, '--strip-components=1'], { input: archive });
    // Same library version as the lab; every other package as the example's own package-lock.json pins it.
    const manifestPath = join(work, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies: Record<string, string> };
    manifest.dependencies['@simplewebauthn/server'] = serverVersion;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    const sourcePath = join(work, 'index.ts');
    const source = readFileSync(sourcePath, 'utf8');
    if (source.split(PORT_LINE).length !== 2)
      throw new Error(`example/index.ts no longer has exactly one "${PORT_LINE}"`);
    writeFileSync(sourcePath, source.replace(PORT_LINE, PORT_FROM_ENV));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const installed = JSON.parse(
      readFileSync(join(work, 'node_modules', '@simplewebauthn', 'server', 'package.json'), 'utf8'),
    ) as { version: string };
    if (installed.version !== serverVersion)
      throw new Error(`installed @simplewebauthn/server ${installed.version}, wanted ${serverVersion}`);
    // The example's own build script (tsc, as its package.json's "build"): dist/index.js.
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    return {
      ok: false,
      reason: `could not build the SimpleWebAuthn example: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  return { ok: true, dir, serverVersion };
}

/** Starts the built example on a port (pinned through `prefix`), resolved once it serves its page. */
export async function startExample(dir: string, port: number, prefix: string[]): Promise<ChildProcess> {
  const [command, ...args] = [...prefix, process.execPath, 'dist/index.js'];
  // Its dotenv variables: RP_ID (localhost, its default, as the lab's); the port through the one patched line.
  const child = spawn(command!, args, {
    cwd: dir,
    env: { ...process.env, RP_ID: 'localhost', PORT: String(port), NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the SimpleWebAuthn example did not start within 20 s');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = installExample(console.log);
  if (!result.ok) {
    console.error(result.reason);
    process.exit(1);
  }
  console.log(`SimpleWebAuthn example ready: ${result.dir} (@simplewebauthn/server ${result.serverVersion})`);
}
