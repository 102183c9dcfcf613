import { copyFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    tsconfig: 'tsconfig.build.json',
    // import.meta.url (where the threaded backend finds dist/worker.js) in the CommonJS bundle too.
    shims: true,
    // The modules are inlined as base64 (build/kernels-wasm.ts); the .wasm files ship too, for loading by URL.
    onSuccess: async () => {
      for (const name of ['kernels', 'kernels-relaxed', 'kernels-threads', 'kernels-relaxed-threads']) {
        copyFileSync(`build/${name}.wasm`, `dist/${name}.wasm`);
      }
    },
  },
  {
    // The gemm worker of the threaded backend: one self-contained ES module, started by URL.
    entry: ['src/worker.ts'],
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    tsconfig: 'tsconfig.build.json',
  },
]);
