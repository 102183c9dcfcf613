import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run against core's contract source through a small stand-in (see test/support/core.ts).
    alias: { '@libml/core': fileURLToPath(new URL('./test/support/core.ts', import.meta.url)) },
  },
  // Generous limits: turbo runs every package's tests at once on a 2-core machine.
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
