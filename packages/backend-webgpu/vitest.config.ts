import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The conformance suite runs on its own (`pnpm conformance`, vitest.conformance.config.ts).
    exclude: ['test/conformance.test.ts'],
    // One GPU device per test file; llvmpipe compiles pipelines on the CPU.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
