import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Needs --experimental-wasm-relaxed-simd on Node 20: run by vitest.relaxed.config.ts.
    exclude: ['test/relaxed/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
