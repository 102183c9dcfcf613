import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// nn's tests run against core's and the CPU backend's source (one copy of core, no build needed).
export default defineConfig({
  resolve: {
    alias: {
      '@libml/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
      '@libml/backend-cpu': fileURLToPath(new URL('../backend-cpu/src/index.ts', import.meta.url)),
    },
  },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
