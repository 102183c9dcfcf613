import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/run.ts', 'src/worker.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Every library under test is imported from node_modules at run time, never bundled.
  skipNodeModulesBundle: true,
});
