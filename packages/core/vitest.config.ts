import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Core's tests run against the CPU backend's source, with '@libml/core' pointing at this package's
// source, so no build (and no dependency cycle between the packages) is needed.
export default defineConfig({
  resolve: {
    alias: { '@libml/core': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
