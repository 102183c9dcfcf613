#!/usr/bin/env node
// Bundle size per package and a tree-shaking check, with esbuild (tsup's bundler, already installed).
//
// Sizes: each publishable package's own code (its `import` entry, other @libml packages and npm
// dependencies left external), minified, raw and gzipped.
//
// Tree-shaking: an app that uses one op (`add`) of @libml/core must not contain the code of unrelated
// ops. Minification renames functions but keeps string literals, so each unrelated op is detected by a
// string only its code contains (an error message or its spec's name). Backends register their whole
// kernel table on import (that is what makes `import '@libml/backend-cpu'` work), so an app with one
// backend carries all of that backend's kernels and none of the other backends': that is checked too.
//
// Needs built dist/ folders.   node scripts/bundle-check.mjs

import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { PUBLISHABLE, readJson } from './lib/packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootRequire = createRequire(join(root, 'package.json'));
const esbuild = createRequire(rootRequire.resolve('tsup/package.json'))('esbuild');

/**
 * Apps are bundled from a scratch folder whose node_modules links each package by name, so esbuild
 * resolves them as an app's bundler would: through `exports`, honouring `sideEffects`.
 */
const names = Object.fromEntries(
  PUBLISHABLE.map((dir) => [readJson(join(root, dir, 'package.json')).name, dir]),
);
const scratch = mkdtempSync(join(tmpdir(), 'libml-bundle-check-'));
for (const [name, dir] of Object.entries(names)) {
  mkdirSync(dirname(join(scratch, 'node_modules', name)), { recursive: true });
  symlinkSync(join(root, dir), join(scratch, 'node_modules', name), 'dir');
}
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

async function bundle(contents, external = []) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: scratch, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    write: false,
    external: ['webgpu', ...external],
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let failures = 0;
function check(ok, message) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures++;
}

// Sizes.
console.log('| package | minified | gzipped |\n| --- | --- | --- |');
for (const dir of PUBLISHABLE) {
  const pkg = readJson(join(root, dir, 'package.json'));
  const external = [
    ...Object.keys(names).filter((name) => name !== pkg.name),
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ];
  const code = await bundle(`export * from '${pkg.name}';`, external);
  console.log(`| \`${pkg.name}\` | ${kb(code.length)} | ${kb(gzipSync(code).length)} |`);
}
console.log('');

// Tree-shaking of core: one op, none of the others.
const UNRELATED_OPS = {
  conv2d: 'the (dilated) filter is larger than the padded input',
  maxPool2d: 'the window is larger than the padded input',
  conv2dBackpropFilter: 'conv2dBackpropFilter',
  softmax: 'softmax',
  batchNorm: 'batchNorm',
  gather: 'scatterAdd',
};
const oneOp = await bundle(
  "import { add, tensor } from '@libml/core';\nexport const run = () => add(tensor([1, 2]), tensor([3, 4]));",
);
const wholeCore = await bundle("export * from '@libml/core';");
for (const [op, marker] of Object.entries(UNRELATED_OPS)) {
  check(wholeCore.includes(marker), `whole @libml/core contains ${op} (marker ${JSON.stringify(marker)})`);
  check(!oneOp.includes(marker), `an app using only add() leaves out ${op}`);
}
console.log(
  `core: an app using add() bundles ${kb(oneOp.length)} of core's ${kb(wholeCore.length)} (minified; ` +
    `${kb(gzipSync(oneOp).length)} gzipped)`,
);

// One backend: its kernels, none of the other backends.
const BACKEND_MARKERS = {
  cpu: 'cpu backend: unknown or disposed storage',
  wasm: 'WebAssembly',
  webgpu: '@compute',
};
for (const name of Object.keys(BACKEND_MARKERS)) {
  const app = await bundle(
    `import { add, setBackend, tensor } from '@libml/core';\nimport '@libml/backend-${name}';\n` +
      `export const run = async () => { await setBackend('${name}'); return add(tensor([1]), tensor([2])); };`,
  );
  for (const [other, marker] of Object.entries(BACKEND_MARKERS)) {
    if (other === name) check(app.includes(marker), `an app on ${name} contains the ${name} backend`);
    else check(!app.includes(marker), `an app on ${name} leaves out the ${other} backend`);
  }
  console.log(`${name}: an app using add() bundles ${kb(app.length)} (${kb(gzipSync(app).length)} gzipped)`);
}

console.log(`bundle-check: ${failures === 0 ? 'passed' : `${failures} failed`}`);
process.exit(failures > 0 ? 1 : 0);
