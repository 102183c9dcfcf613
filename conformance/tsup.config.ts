import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cases-entry.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  external: ['vitest', '@libml/core'],
});
