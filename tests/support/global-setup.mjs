// Once per `vitest run`, before any test file: the pages and the compiled server, rebuilt only if their sources
// changed (usually nothing: `npm test` has just built them). Tests that start the real `npm start` server as a child
// process run dist/server/main.js, so a targeted run after an edit must not find a stale bundle.
import { buildClient } from '../../client/build.mjs';
import { buildServer } from '../../scripts/build-server.mjs';

export default async function setup() {
  await Promise.all([buildClient(), buildServer()]);
}
