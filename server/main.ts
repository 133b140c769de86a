import { watchDatabaseFile } from '../db/index.js';
import { ConfigError, type Config } from './config.js';
import { startLab, type RunningLab } from './start.js';
import { startOnChosenPorts, StartupError } from './startup-errors.js';
import { firstStartInvite } from './support/invites.js';

let config: Config;
let running: RunningLab;
try {
  // PORT=0 / IDP_PORT=0: any free port, chosen first so the printed URLs (and WebAuthn's origin) name the real one.
  ({ config, running } = await startOnChosenPorts(process.env, startLab));
} catch (error) {
  // A bad variable, a busy port, an unknown HOST, a read-only data folder: one line naming the cause and the fix.
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

// Deleting the database under a running lab would silently lose everything written afterwards: stop instead.
// Watched from before its path is printed, so a deletion right after start-up is seen too.
watchDatabaseFile(config.databasePath, () => {
  console.error(
    `Stopped: the database file ${config.databasePath} was deleted or replaced while the lab was running. ` +
      'Nothing more is written into the deleted file; start the lab again (npm start) to create a fresh database.',
  );
  // Exit even if a connection keeps the servers from closing: the file is gone either way.
  setTimeout(() => process.exit(1), 3000).unref();
  void running.close().finally(() => process.exit(1));
});

for (const origin of config.publicOrigins) {
  console.log(`Passkey Dialog Lab: open ${origin}/login   (API docs: ${origin}/api/docs, on a phone: ${origin}/phone)`);
}
if (running.idp)
  console.log(
    `Mock identity providers (demo copies; the login page sends you there): issuers ${config.idp.origin}/google and ${config.idp.origin}/line`,
  );
// No support staff yet: a one-time enrollment link for the first one (npm run staff:invite prints another).
const invite = firstStartInvite(running.lab.repos, config.publicOrigin);
if (invite) console.log(`Support staff enrollment (one use, valid 24 hours): ${invite.link}`);
// Last on standard output: whoever reads the banner (the tests, a script) knows it has all of it at this line.
console.log(`Database: ${config.databasePath}`);
// Combinations that start but will surprise someone trying a phone.
if (
  ['localhost', '127.0.0.1', '::1'].includes(config.host) &&
  config.publicOrigins.some((origin) => !/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|$)/.test(origin))
) {
  console.warn(
    `Note: listening on HOST=${config.host} only, so other devices (a phone) cannot connect; set HOST=0.0.0.0 to allow them.`,
  );
}
if (!config.secureOrigins && config.publicOrigins.some((origin) => origin.startsWith('https:'))) {
  console.warn('Note: PUBLIC_ORIGIN mixes http and https origins, so cookies are not marked Secure.');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
