import { startCheckpointer } from '../db/index.js';
import { buildApp, type BuildOptions, type Lab } from './app.js';
import type { Config } from './config.js';
import { buildMockIdp, type MockIdp } from './idp/server.js';
import { checkDataFolders, checkPorts, listenOrExplain } from './startup-errors.js';
import { loadServerTls } from './tls/server-tls.js';

export interface RunningLab {
  lab: Lab;
  idp?: MockIdp;
  close: () => Promise<void>;
}

/**
 * The lab and, unless IDP_MODE=off, the mock identity providers on their own host and port. With TLS_CERT / TLS_KEY
 * both serve HTTPS with the same certificate (it names the LAN addresses too).
 */
export async function startLab(
  config: Config,
  options: BuildOptions & { idpClock?: () => number } = {},
): Promise<RunningLab> {
  checkPorts(config);
  checkDataFolders(config);
  const tls = options.tls ?? (config.tls ? loadServerTls(config.tls) : undefined);
  const lab = await buildApp(config, { ...options, ...(tls ? { tls } : {}) });
  // WAL checkpoints on a worker thread, not inside a commit on the event loop (after the lab's close, so the worker's
  // connection is the last one and its close checkpoints what is left).
  let checkpointer: ReturnType<typeof startCheckpointer>;
  let idp: MockIdp | undefined;
  try {
    checkpointer = startCheckpointer(lab.db, {
      // Under steady load the WAL starts over before the fallback (10,000 pages) only if the checkpointer may commit
      // the open transaction.
      commitNow: () => lab.groupCommit.commitNow(),
      // A failed checkpoint costs speed, not data (SQLite checkpoints inside commits again): logged, and in the health.
      onFailure: (error) => lab.health.checkpointsFailed(error),
    });
    if (config.idp.mode === 'mock') {
      idp = await buildMockIdp({
        origin: config.idp.origin,
        labOrigin: config.publicOrigin,
        labOrigins: config.publicOrigins,
        secret: lab.secrets.idpCookieKey,
        logger: false,
        // An authorization is started by a lab request (a fallback start), itself limited to RATE_LIMIT_PER_MINUTE.
        authorizationsPerMinute: config.rateLimitPerMinute * 5,
        ...(options.idpClock ? { now: options.idpClock } : {}),
        ...(tls && config.idp.origin.startsWith('https:') ? { https: { key: tls.key, cert: tls.cert } } : {}),
      });
      await listenOrExplain(idp.app, { port: config.idp.port, host: config.idp.listenHost, portVariable: 'IDP_PORT' });
    }
    await listenOrExplain(lab.app, { port: config.port, host: config.host, portVariable: 'PORT' });
  } catch (error) {
    // Nothing half-started stays behind (an open database, one of the two servers listening).
    await idp?.app.close();
    await lab.app.close();
    await checkpointer?.close();
    throw error;
  }
  return {
    lab,
    idp,
    close: async () => {
      await lab.app.close();
      await checkpointer?.close();
      await idp?.app.close();
    },
  };
}
