import { ConfigError, loadConfig } from './config.js';
import { startLab, type RunningLab } from './start.js';
import { firstStartInvite } from './support/invites.js';

let config;
let running: RunningLab;
try {
  config = loadConfig();
  running = await startLab(config);
} catch (error) {
  // A bad variable or an unreadable TLS file: one line naming the variable, no stack.
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

for (const origin of config.publicOrigins) {
  console.log(`Passkey Dialog Lab: open ${origin}/login   (API docs: ${origin}/api/docs, on a phone: ${origin}/phone)`);
}
if (running.idp) console.log(`Mock identity providers (demo copies): ${config.idp.origin}/google and ${config.idp.origin}/line`);
console.log(`Database: ${config.databasePath}`);
// No support staff yet: a one-time enrollment link for the first one (npm run staff:invite prints another).
const invite = firstStartInvite(running.lab.repos, config.publicOrigin);
if (invite) console.log(`Support staff enrollment (one use, valid 24 hours): ${invite.link}`);
// Combinations that start but will surprise someone trying a phone.
if (['localhost', '127.0.0.1', '::1'].includes(config.host) && config.publicOrigins.some((origin) => !/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|$)/.test(origin))) {
  console.warn(`Note: listening on HOST=${config.host} only, so other devices (a phone) cannot connect; set HOST=0.0.0.0 to allow them.`);
}
if (!config.secureOrigins && config.publicOrigins.some((origin) => origin.startsWith('https:'))) {
  console.warn('Note: PUBLIC_ORIGIN mixes http and https origins, so cookies are not marked Secure.');
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
