import { ConfigError, loadConfig } from './config.js';
import { startLab } from './start.js';
import { firstStartInvite } from './support/invites.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const running = await startLab(config);
console.log(`Passkey Dialog Lab: open ${config.publicOrigin}/login   (API docs: ${config.publicOrigin}/api/docs)`);
if (running.idp) console.log(`Mock identity providers (demo copies): ${config.idp.origin}/google and ${config.idp.origin}/line`);
console.log(`Database: ${config.databasePath}`);
// No support staff yet: a one-time enrollment link for the first one (npm run staff:invite prints another).
const invite = firstStartInvite(running.lab.repos, config.publicOrigin);
if (invite) console.log(`Support staff enrollment (one use, valid 24 hours): ${invite.link}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
