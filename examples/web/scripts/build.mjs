// Builds the page into dist/: main.js bundled with esbuild from the built @libml packages (their dist/
// exports, as an app would import them), index.html, and the digits data from demo/data.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });
const result = await build({
  entryPoints: [join(root, 'src', 'main.ts')],
  outfile: join(dist, 'main.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // This tsconfig only: the workspace packages' own tsconfig paths (to their src/) must not apply to their
  // dist/ files, or the bundle would hold two copies of @libml/core.
  tsconfig: join(root, 'tsconfig.json'),
  metafile: true,
});
// Only the packages' built dist/ files, never their sources, may be in the bundle.
const sources = Object.keys(result.metafile.inputs).filter((f) => f.startsWith('../') && f.includes('/src/'));
if (sources.length > 0) throw new Error(`the bundle took package sources: ${sources.slice(0, 5).join(', ')}`);
copyFileSync(join(root, 'index.html'), join(dist, 'index.html'));
// (read and written, not copied: the copy would keep a read-only source's mode)
writeFileSync(
  join(dist, 'digits.csv.gz'),
  readFileSync(join(root, '..', '..', 'demo', 'data', 'digits.csv.gz')),
);
console.log(`built ${dist}`);
