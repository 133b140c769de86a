import { openDatabase, repositories } from '../db/index.js';
import { ConfigError, loadConfig } from './config.js';
import { ApiError } from './errors.js';
import { seedStory } from './lab/story.js';

// `npm run seed:story`: creates the story's account in the configured database.
try {
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  const result = seedStory(repositories(db), config);
  db.close();
  console.log(
    result.created
      ? `Created the story account "${result.username}" in ${config.databasePath}.`
      : `The story account "${result.username}" already exists in ${config.databasePath}.`,
  );
  console.log(
    'Replay: open /login, enter "taro", press "Log in with a passkey", cancel, then try Google (not linked) and LINE (taro@line.example / line-demo-1234).',
  );
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof ApiError ? error.message : error);
  process.exit(1);
}
