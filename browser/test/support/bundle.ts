// Bundles the conformance page from the built workspace packages (their dist/ exports, resolved through
// node_modules as an app would), with esbuild. The 'vitest' import of @libml/conformance's dist goes to
// src/vitest-shim.ts. Output: browser/dist/conformance.{html,js} and the wasm backend's worker.js beside
// it (the threaded backend loads '../dist/worker.js' relative to the bundle).

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const browserDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = join(browserDir, 'dist');

const HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>libml conformance</title></head>
<body>
<h1>libml conformance</h1>
<pre id="status">loading</pre>
<script type="module" src="./conformance.js"></script>
</body>
</html>
`;

export async function bundleConformancePage(): Promise<void> {
  mkdirSync(distDir, { recursive: true });
  const shim = join(browserDir, 'src', 'vitest-shim.ts');
  const result = await build({
    entryPoints: [join(browserDir, 'src', 'conformance-page.ts')],
    outfile: join(distDir, 'conformance.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: browserDir,
    // This tsconfig only: the workspace packages' own tsconfig paths (to their src/) must not apply to
    // their dist/ files, or the bundle would hold two copies of @libml/core.
    tsconfig: join(browserDir, 'tsconfig.page.json'),
    metafile: true,
    plugins: [
      {
        name: 'vitest-shim',
        setup(b) {
          b.onResolve({ filter: /^vitest$/ }, () => ({ path: shim }));
        },
      },
    ],
  });
  // Only the packages' built dist/ files, never their sources, may be in the bundle.
  const sources = Object.keys(result.metafile.inputs).filter(
    (f) => f.startsWith('../') && f.includes('/src/'),
  );
  if (sources.length > 0)
    throw new Error(`the page bundle took package sources: ${sources.slice(0, 5).join(', ')}`);
  writeFileSync(join(distDir, 'conformance.html'), HTML);
  const require = createRequire(join(browserDir, 'package.json'));
  copyFileSync(require.resolve('@libml/backend-wasm/worker.js'), join(distDir, 'worker.js'));
}
