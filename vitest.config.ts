import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './tests/support/sequencer.js';

// One project, three workers on two cores: with two, both workers were always busy but the cores only ~60 % (the
// browser files wait on Chromium, pages going quiet and child processes about half their time); a third fills that
// wait (docs/testing.md, "Test time"; `npm test -- --maxWorkers=2` runs the old way). Each worker keeps its modules
// from file to file (isolate: false): the server, Fastify, oidc-provider and playwright load once per worker instead
// of once per file, which was a third of the run's CPU. That is safe here because no test mocks a module or changes
// module state (each file starts its own lab and closes it), and files pass in any order (`--sequence.shuffle`). The
// long files start first (tests/support/sequencer.ts). Timings: docs/testing.md, "Test time".
export default defineConfig({
  test: {
    include: ['tests/{unit,api,browser}/**/*.test.ts'],
    // Pages and the compiled server, rebuilt only if their sources changed (tests start dist/server/main.js).
    globalSetup: ['tests/support/global-setup.mjs'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 3,
    isolate: false,
    sequence: { sequencer: LongFirstSequencer },
  },
});
