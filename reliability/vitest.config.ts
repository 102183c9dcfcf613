import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One WebGPU device (Dawn over llvmpipe without a GPU) per file; files run one after another so the
    // timings stay readable on 2 cores.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
