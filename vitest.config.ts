import { defineConfig } from 'vitest/config';

// The files that take longest (real browsers under Xvfb, a server killed mid-write, a flood of ceremonies, child
// processes) are projects of their own, named so that they start first: vitest orders files by project name, and a
// long file started last is the whole suite's tail. Then the other browser files, then the quick API and unit files.
// One pool of two workers for all (two cores): at most two Chromiums at a time. Timings: docs/benchmark.md.
// Real browsers under Xvfb, read by OCR: the gallery alone takes ~100 s, so it starts before anything else.
const REAL_BROWSERS = ['tests/browser/gallery.test.ts', 'tests/browser/firefox.test.ts'];
const SLOW = [
  'tests/browser/story.test.ts',
  'tests/api/crash-safety.test.ts',
  'tests/api/concurrency.test.ts',
  'tests/api/ceremonies.test.ts',
  'tests/api/bench-floor-server.test.ts',
  'tests/api/cert-cli.test.ts',
  'tests/api/start-command.test.ts',
];

export default defineConfig({
  test: {
    // Pages and the compiled server, rebuilt only if their sources changed (tests start dist/server/main.js).
    globalSetup: ['tests/support/global-setup.mjs'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: '1-real-browsers', include: REAL_BROWSERS } },
      { extends: true, test: { name: '2-slow', include: SLOW } },
      { extends: true, test: { name: '3-browser', include: ['tests/browser/**/*.test.ts'], exclude: [...REAL_BROWSERS, ...SLOW] } },
      { extends: true, test: { name: '4-api-unit', include: ['tests/api/**/*.test.ts', 'tests/unit/**/*.test.ts'], exclude: SLOW } },
    ],
  },
});
