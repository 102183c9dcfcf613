// The conformance run on the relaxed-SIMD build: Node 20 only validates relaxed SIMD behind a flag, so the
// test workers get it (later Node versions accept and ignore it).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/relaxed/**/*.test.ts'],
    execArgv: ['--experimental-wasm-relaxed-simd'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
