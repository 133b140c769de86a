import { buildApp, type BuildOptions, type Lab } from './app.js';
import type { Config } from './config.js';
import { buildMockIdp, type MockIdp } from './idp/server.js';
import { loadServerTls } from './tls/server-tls.js';

export interface RunningLab {
  lab: Lab;
  idp?: MockIdp;
  close: () => Promise<void>;
}

/** The lab and, unless IDP_MODE=off, the mock identity providers on their own host and port. */
/** With TLS_CERT / TLS_KEY both serve HTTPS with the same certificate (it names the LAN addresses too). */
export async function startLab(config: Config, options: BuildOptions & { idpClock?: () => number } = {}): Promise<RunningLab> {
  const tls = options.tls ?? (config.tls ? loadServerTls(config.tls) : undefined);
  const lab = await buildApp(config, { ...options, ...(tls ? { tls } : {}) });
  let idp: MockIdp | undefined;
  if (config.idp.mode === 'mock') {
    idp = await buildMockIdp({
      origin: config.idp.origin,
      labOrigin: config.publicOrigin,
      labOrigins: config.publicOrigins,
      secret: lab.secrets.idpCookieKey,
      logger: false,
      ...(options.idpClock ? { now: options.idpClock } : {}),
      ...(tls && config.idp.origin.startsWith('https:') ? { https: { key: tls.key, cert: tls.cert } } : {}),
    });
    await idp.app.listen({ port: config.idp.port, host: config.idp.listenHost });
  }
  await lab.app.listen({ port: config.port, host: config.host });
  return {
    lab,
    idp,
    close: async () => {
      await lab.app.close();
      await idp?.app.close();
    },
  };
}
