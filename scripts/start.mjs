// `npm start`: build what changed (usually nothing), then run the compiled server in this same process — no second
// Node start, no TypeScript loader.
import { buildClient } from '../client/build.mjs';
import { buildServer } from './build-server.mjs';

await Promise.all([buildClient(), buildServer()]);
await import('../dist/server/main.js');
