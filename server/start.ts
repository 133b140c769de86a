import { buildApp, type BuildOptions, type Lab } from './app.js';
import type { Config } from './config.js';
import { buildMockIdp, type MockIdp } from './idp/server.js';

export interface RunningLab {
  lab: Lab;
  idp?: MockIdp;
  close: () => Promise<void>;
}

/** The lab and, unless IDP_MODE=off, the mock identity providers on their own host and port. */
export async function startLab(config: Config, options: BuildOptions & { idpClock?: () => number } = {}): Promise<RunningLab> {
  const lab = await buildApp(config, options);
  let idp: MockIdp | undefined;
  if (config.idp.mode === 'mock') {
    idp = await buildMockIdp({ origin: config.idp.origin, labOrigin: config.publicOrigin, secret: lab.secrets.idpCookieKey, logger: false, ...(options.idpClock ? { now: options.idpClock } : {}) });
    await idp.app.listen({ port: config.idp.port, host: '127.0.0.1' });
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
