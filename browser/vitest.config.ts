import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Bundles the pages; with CI=true fails at once when there is no browser, elsewhere prints a notice.
    globalSetup: ['test/global-setup.ts'],
    // One browser at a time: the machine has few cores and the example page is timed.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
