import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.js';

// Start-up failures a newcomer meets (a busy port, a mistyped HOST, a read-only data folder) become one line that
// names the cause and the fix, as configuration errors already do; anything else keeps its stack.

export class StartupError extends Error {
  constructor(
    message: string,
    /** The variable naming a port another program holds (EADDRINUSE), when that is the cause. */
    readonly portInUse?: 'PORT' | 'IDP_PORT',
  ) {
    super(message);
  }
}

type Listener = { listen: (options: { port: number; host: string }) => Promise<unknown> };

/** Listens, turning the operating system's refusal into a StartupError naming the variable to change. */
export async function listenOrExplain(
  app: Listener,
  options: { port: number; host: string; portVariable: 'PORT' | 'IDP_PORT' },
): Promise<void> {
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    throw explainListenError(error, options) ?? error;
  }
}

function explainListenError(
  error: unknown,
  options: { port: number; host: string; portVariable: 'PORT' | 'IDP_PORT' },
): StartupError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const { port, host, portVariable } = options;
  const what = portVariable === 'PORT' ? 'the lab' : 'the mock identity providers';
  const other = portVariable === 'PORT' ? 3001 : 4001;
  switch (code) {
    case 'EADDRINUSE':
      return new StartupError(
        `Start-up error: port ${port} (${portVariable}) is already in use by another program, so ${what} cannot listen on it. ` +
          `Stop that program (perhaps a lab started earlier) or choose another port, e.g. ${portVariable}=${other} npm start` +
          (portVariable === 'IDP_PORT' ? ' (or IDP_MODE=off).' : '.'),
        portVariable,
      );
    case 'EACCES':
      return new StartupError(
        `Start-up error: port ${port} (${portVariable}) needs administrator rights on this system; choose a port above 1023, e.g. ${portVariable}=${other} npm start.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new StartupError(
        `Start-up error: HOST "${host}" is not a name this machine can resolve; use localhost, 0.0.0.0 (every interface) or one of this machine's IP addresses.`,
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(
        `Start-up error: HOST "${host}" is not an address of this machine; use localhost, 0.0.0.0 (every interface) or one of this machine's IP addresses.`,
      );
    default:
      return undefined;
  }
}

/** The database's folder and the secrets' folder must be writable before anything is created in them. */
export function checkDataFolders(config: Pick<Config, 'databasePath' | 'dataDir'>): void {
  // An in-memory lab without DATA_DIR keeps its secrets in memory too (server/app.ts): no folder to check or create.
  const folders = new Set<string>(config.databasePath === ':memory:' && !process.env.DATA_DIR ? [] : [config.dataDir]);
  if (config.databasePath !== ':memory:') folders.add(dirname(config.databasePath));
  for (const folder of folders) {
    try {
      mkdirSync(folder, { recursive: true });
      accessSync(folder, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      const reason =
        code === 'EEXIST' || code === 'ENOTDIR'
          ? 'a file is in the way'
          : code === 'EROFS'
            ? 'read-only file system'
            : code === 'EACCES' || code === 'EPERM'
              ? 'no permission'
              : code;
      throw new StartupError(
        `Start-up error: the data folder "${folder}" cannot be created or written (${reason}); ` +
          `set DATABASE_PATH to a file in a writable folder, e.g. DATABASE_PATH=$HOME/passkey-lab/lab.sqlite npm start.`,
      );
    }
  }
}

type PortVariable = 'PORT' | 'IDP_PORT';

/** How many times PORT=0 / IDP_PORT=0 choose again when another program took a chosen port before the lab listened. */
const PORT_CHOICES = 3;

/**
 * Loads the configuration from env and starts the lab with it. PORT=0 / IDP_PORT=0 ask for any free port: chosen
 * before the lab is built, since its origins name the port. A port is free when chosen, but another program may take
 * it before the lab listens there (on a busy machine it happens): then the ports are chosen again. Returns the
 * configuration the lab really runs with, so what is printed names the ports really bound.
 */
export async function startOnChosenPorts<T>(
  env: NodeJS.ProcessEnv,
  start: (config: Config) => Promise<T>,
  choose: (wanted: { host: string; variable: PortVariable }[]) => Promise<number[]> = pickFreePorts,
): Promise<{ config: Config; running: T }> {
  const asked = loadConfig(env);
  const wanted = [
    ...(asked.port === 0 ? [{ host: asked.host, variable: 'PORT' as const }] : []),
    ...(asked.idp.mode === 'mock' && asked.idp.port === 0
      ? [{ host: asked.idp.listenHost, variable: 'IDP_PORT' as const }]
      : []),
  ];
  for (let choice = 1; ; choice++) {
    const ports = wanted.length ? await choose(wanted) : [];
    // The lab and the providers on two hosts (HOST, and the providers' loopback): the system may give both the same
    // free port, which checkPorts would refuse. Choose again.
    if (new Set(ports).size < ports.length && choice < PORT_CHOICES) continue;
    const config = wanted.length
      ? loadConfig({ ...env, ...Object.fromEntries(wanted.map(({ variable }, i) => [variable, String(ports[i])])) })
      : asked;
    try {
      return { config, running: await start(config) };
    } catch (error) {
      const taken = error instanceof StartupError && wanted.some(({ variable }) => variable === error.portInUse);
      if (!taken || choice >= PORT_CHOICES) throw error;
    }
  }
}

/**
 * Free ports, one per entry. Every probe stays open until all are chosen, so on one host the lab's and the providers'
 * ports differ (two probes opened one after the other may be given the same port); on two hosts they may not, and
 * startOnChosenPorts chooses again.
 */
export async function pickFreePorts(wanted: { host: string; variable: PortVariable }[]): Promise<number[]> {
  const probes: Server[] = [];
  try {
    const ports: number[] = [];
    for (const { host, variable } of wanted) {
      const probe = createServer();
      probes.push(probe);
      ports.push(
        await new Promise<number>((resolve, reject) => {
          probe.once('error', (error) =>
            reject(explainListenError(error, { port: 0, host, portVariable: variable }) ?? error),
          );
          probe.listen(0, host, () => {
            const address = probe.address();
            resolve(typeof address === 'object' && address ? address.port : 0);
          });
        }),
      );
    }
    return ports;
  } finally {
    await Promise.all(
      probes.map(
        (probe) => new Promise<void>((resolve) => (probe.listening ? probe.close(() => resolve()) : resolve())),
      ),
    );
  }
}

/** The lab and the mock identity providers each need their own port (0, "any free port", is the exception). */
export function checkPorts(config: Pick<Config, 'port' | 'idp'>): void {
  if (config.idp.mode === 'mock' && config.port !== 0 && config.port === config.idp.port) {
    throw new ConfigError(
      'IDP_PORT',
      `must differ from PORT (both are ${config.port}): the lab and the mock identity providers need a port each, e.g. IDP_PORT=${config.port === 4000 ? 4001 : 4000} (or IDP_MODE=off)`,
    );
  }
}
