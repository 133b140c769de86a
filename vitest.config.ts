import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './tests/support/sequencer.js';

// One project, two workers (two cores). Three were tried in session 7: as fast or faster while other sessions loaded
// the machine, but slower on a quiet one (figures: docs/testing.md, "Test time"; `npm test -- --maxWorkers=3` runs
// that way). Each worker keeps its modules from file to file (isolate: false): the server, Fastify, oidc-provider and
// playwright load once per worker instead of once per file, where loading them was a large share of the run's CPU.
// That is safe here because no test mocks a module or changes module state (each file starts its own lab and closes
// it), and files pass in any order (`--sequence.shuffle`). The long files start first (tests/support/sequencer.ts).
export default defineConfig({
  test: {
    include: ['tests/{unit,api,browser}/**/*.test.ts'],
    // Pages and the compiled server, rebuilt only if their sources changed (tests start dist/server/main.js).
    globalSetup: ['tests/support/global-setup.mjs'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    isolate: false,
    sequence: { sequencer: LongFirstSequencer },
  },
});
