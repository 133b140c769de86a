import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium; keep them from competing with each other for the two cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
