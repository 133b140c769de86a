import { ConfigError, loadConfig } from './config.js';
import { startLab, type RunningLab } from './start.js';

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
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
