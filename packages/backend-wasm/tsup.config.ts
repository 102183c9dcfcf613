import { copyFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  // The modules are inlined as base64 (build/kernels-wasm.ts); the .wasm files ship too, for loading by URL.
  onSuccess: async () => {
    copyFileSync('build/kernels.wasm', 'dist/kernels.wasm');
    copyFileSync('build/kernels-relaxed.wasm', 'dist/kernels-relaxed.wasm');
  },
});
