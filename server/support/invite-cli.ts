// `npm run staff:invite`: prints a new one-time staff enrollment link (valid 24 hours), for the data folder the lab
// uses (the same environment variables as npm start). The running lab sees it at once: it is one SQLite file.
import { openDatabase, repositories } from '../../db/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { createInvite } from './invites.js';

try {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const invite = createInvite(repositories(db), config.publicOrigin, null);
  db.close();
  console.log(
    `Support staff enrollment (one use, valid until ${new Date(invite.expiresAt).toISOString()}): ${invite.link}`,
  );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
