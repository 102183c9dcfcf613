import { defineConfig } from 'vitest/config';

// Generous limits: the cross-backend test trains the demo three times, and turbo runs every package's
// tests at once on a 2-core machine.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 120_000 },
});
