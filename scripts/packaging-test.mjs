#!/usr/bin/env node
// Packaging test: what a user gets from npm, end to end.
//
// 1. Copies the workspace's package manifests, built dist/ folders and changesets into a temporary
//    directory (never touching the working tree) and runs `changeset version` there, so the packages get
//    the versions and inter-package ranges the next release would publish.
// 2. `pnpm pack`s core, every backend, nn and conformance from that copy.
// 3. Installs the tarballs with npm into a blank project outside the workspace (dependencies and peers
//    from the registry, or npm's cache).
// 4. Runs README.md's example, taken from the README itself, as ESM and as CommonJS, on each backend
//    (cpu, wasm, webgpu: in Node without a GPU the WebGPU backend falls back to llvmpipe by itself), and
//    checks the backends agree.
// 5. Type-checks TypeScript files using the public types, ESM (.mts) and CJS (.cts), with module
//    resolution nodenext and the repository's TypeScript.
//
// Needs built dist/ folders: run through `npx -y pnpm@12.21.0 packaging-test`, which builds first.
//
//   node scripts/packaging-test.mjs [--keep]   (--keep leaves the temporary directory for inspection)

import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHABLE, packAll, readJson } from './lib/packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'libml-packaging-'));
const started = Date.now();

/** The backends and how the README example selects each. */
const BACKENDS = [
  { name: 'cpu', pkg: '@libml/backend-cpu' },
  { name: 'wasm', pkg: '@libml/backend-wasm' },
  { name: 'webgpu', pkg: '@libml/backend-webgpu' },
];

function step(title) {
  console.log(`\n[packaging-test ${((Date.now() - started) / 1000).toFixed(1)} s] ${title}`);
}

function run(command, args, cwd, options = {}) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options,
    });
  } catch (error) {
    console.error(`$ ${command} ${args.join(' ')}  (in ${cwd})\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    throw error;
  }
}

/** Workspace package folders, from pnpm-workspace.yaml's `packages:` globs (`dir` or `dir/*`). */
function workspaceDirs() {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = yaml.split(/^packages:\s*$/m)[1] ?? '';
  const globs = [];
  for (const line of block.split('\n')) {
    const match = /^\s+-\s+['"]?([^'"\s]+)['"]?\s*$/.exec(line);
    if (match) globs.push(match[1]);
    else if (/^\S/.test(line)) break;
  }
  return globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return existsSync(join(root, glob, 'package.json')) ? [glob] : [];
    const parent = glob.slice(0, -2);
    if (!existsSync(join(root, parent))) return [];
    return readdirSync(join(root, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => existsSync(join(root, dir, 'package.json')));
  });
}

/** The numbers of an array's printed contents, e.g. " 3.4, 4.2 ". */
function arrayValues(text) {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map(Number);
}

/** The README's example: the first ```js block under "## Example". */
function readmeExample() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## Example\s*$/m)[1];
  const code = section && /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error("README.md has no ```js block under '## Example'");
  return code;
}

/** The example on `backend`: its cpu import line swapped for the backend's import and setBackend. */
function esmVariant(example, backend) {
  const importLine = /^import '@libml\/backend-cpu';.*$/m;
  if (!importLine.test(example)) throw new Error("README example no longer imports '@libml/backend-cpu'");
  let code = example.replace(importLine, `import '${backend.pkg}';`);
  // The core import also brings setBackend, and getBackend to prove which backend ran.
  code = code.replace(/^import \{([^}]*)\} from '@libml\/core';/m, (_, names) => {
    const list = names
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    for (const extra of ['getBackend', 'setBackend']) if (!list.includes(extra)) list.push(extra);
    return `import { ${list.join(', ')} } from '@libml/core';`;
  });
  // Select the backend right after the imports.
  const lines = code.split('\n');
  const lastImport = lines.findLastIndex((line) => line.startsWith('import '));
  lines.splice(lastImport + 1, 0, `await setBackend('${backend.name}');`);
  lines.push(
    `if (getBackend() !== '${backend.name}') throw new Error(\`ran on \${getBackend()}\`);`,
    'process.exit(0); // a GPU device can keep the event loop alive',
  );
  return `${lines.join('\n')}\n`;
}

/** The same program in CommonJS: requires instead of imports, the body in an async function. */
function cjsVariant(esm) {
  const lines = esm.split('\n');
  const requires = [];
  const body = [];
  for (const line of lines) {
    const named = /^import \{([^}]*)\} from '([^']+)';/.exec(line);
    const bare = /^import '([^']+)';/.exec(line);
    if (named) requires.push(`const {${named[1]}} = require('${named[2]}');`);
    else if (bare) requires.push(`require('${bare[1]}');`);
    else body.push(`  ${line}`);
  }
  return `'use strict';\n${requires.join('\n')}\n\n(async () => {\n${body.join('\n')}\n})().catch((error) => {\n  console.error(error);\n  process.exit(1);\n});\n`;
}

const TYPES_CHECK = `
import {
  type Backend,
  type DataArray,
  type KernelTable,
  PRIMITIVES,
  type Tensor,
  grad,
  matmul,
  registeredBackends,
  tensor,
} from '@libml/core';
import { CpuBackend } from '@libml/backend-cpu';
import { configureWasmBackend } from '@libml/backend-wasm';
import '@libml/backend-webgpu';
import { type ConformanceOptions, type ConformanceReport, reportMarkdown } from '@libml/conformance';
import * as nn from '@libml/nn';

const x: Tensor = tensor([[1, 2], [3, 4]]);
const y: Tensor = matmul(x, x);
const dx: Tensor = grad((t: Tensor) => matmul(t, t))(x);
const values: Promise<DataArray> = y.data();
const backend: Backend = new CpuBackend();
const kernels: KernelTable = backend.kernels;
const count: number = PRIMITIVES.length + registeredBackends().length;
const options: ConformanceOptions = { backend: 'cpu', onnx: false };
const render: (report: ConformanceReport) => string = reportMarkdown;
// @ts-expect-error: a shape is an array of numbers
tensor([1], 'two');
export { backend, configureWasmBackend, count, dx, kernels, nn, options, render, values };
`;

try {
  step(`copying the workspace's manifests, dist/ and changesets to ${work}`);
  const repo = join(work, 'repo');
  mkdirSync(repo);
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.npmrc']) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(repo, file));
  }
  cpSync(join(root, '.changeset'), join(repo, '.changeset'), { recursive: true });
  for (const dir of workspaceDirs()) {
    mkdirSync(join(repo, dir), { recursive: true });
    cpSync(join(root, dir, 'package.json'), join(repo, dir, 'package.json'));
    if (!PUBLISHABLE.includes(dir)) continue;
    if (!existsSync(join(root, dir, 'dist'))) throw new Error(`${dir}/dist is missing: build first`);
    for (const entry of ['dist', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
      if (existsSync(join(root, dir, entry)))
        cpSync(join(root, dir, entry), join(repo, dir, entry), { recursive: true });
    }
  }

  step('changeset version (on the copy)');
  const changeset = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');
  console.log(run(process.execPath, [changeset, 'version'], repo).trim());
  // Flag what a release would turn into a major: changesets bumps a package major when a peer it
  // depends on leaves the peer range (`workspace:^` on a 0.x core that gets a minor), which is easy to miss.
  for (const dir of PUBLISHABLE) {
    const before = readJson(join(root, dir, 'package.json')).version;
    const after = readJson(join(repo, dir, 'package.json')).version;
    if (after.split('.')[0] !== before.split('.')[0]) {
      console.log(`note: ${dir} would be released as ${after} (a major bump from ${before})`);
    }
  }
  const versions = Object.fromEntries(
    PUBLISHABLE.map((dir) => {
      const pkg = readJson(join(repo, dir, 'package.json'));
      return [pkg.name, pkg.version];
    }),
  );
  console.log(
    Object.entries(versions)
      .map(([name, version]) => `${name}@${version}`)
      .join(', '),
  );

  step('pnpm pack');
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  const packed = packAll(repo, PUBLISHABLE, tarballs);
  for (const { tarball } of packed) {
    const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], work));
    const ranges = JSON.stringify([manifest.dependencies, manifest.peerDependencies]);
    if (ranges.includes('workspace:'))
      throw new Error(`${manifest.name}: packed manifest keeps a workspace: range`);
    console.log(
      `${manifest.name}@${manifest.version}: peers ${JSON.stringify(manifest.peerDependencies ?? {})}`,
    );
  }

  step('npm install of the tarballs into a blank project');
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'libml-packaging-test', private: true }, null, 2)}\n`,
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...packed.map((p) => p.tarball),
    ],
    app,
    {
      env: Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !/^npm_config_workspace/i.test(key)),
      ),
    },
  );
  for (const { name } of packed) {
    const installed = readJson(join(app, 'node_modules', name, 'package.json')).version;
    if (installed !== versions[name])
      throw new Error(`${name}: installed ${installed}, packed ${versions[name]}`);
  }

  step("README's example, ESM and CJS, on each backend");
  const example = readmeExample();
  // Values the README promises in comments, e.g. `console.log(...); // Float32Array [ 3.4, 4.2 ]`.
  const promised = [...example.matchAll(/console\.log\(.*\/\/.*\[([^\]]*)\]/g)].map((m) => arrayValues(m[1]));
  const results = [];
  for (const backend of BACKENDS) {
    const esm = esmVariant(example, backend);
    writeFileSync(join(app, `example-${backend.name}.mjs`), esm);
    writeFileSync(join(app, `example-${backend.name}.cjs`), cjsVariant(esm));
    for (const ext of ['mjs', 'cjs']) {
      const t0 = Date.now();
      const out = run(process.execPath, [`example-${backend.name}.${ext}`], app, { timeout: 120_000 }).trim();
      console.log(`${backend.name} ${ext}: ${out.replace(/\s+/g, ' ')} (${Date.now() - t0} ms)`);
      // Every printed array, in order.
      const printed = [...out.matchAll(/\[([^\]]*)\]/g)].map((m) => arrayValues(m[1]));
      if (printed.length === 0) throw new Error(`${backend.name} ${ext}: printed no array`);
      results.push({ where: `${backend.name} ${ext}`, printed });
    }
  }
  const close = (a, b) =>
    a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 1e-5 * Math.max(1, Math.abs(b[i])));
  for (const { where, printed } of results) {
    if (
      promised.length > 0 &&
      !(printed.length === promised.length && printed.every((p, i) => close(p, promised[i])))
    ) {
      throw new Error(
        `${where}: printed ${JSON.stringify(printed)}, README.md promises ${JSON.stringify(promised)}`,
      );
    }
    const reference = results[0];
    if (
      !(
        printed.length === reference.printed.length && printed.every((p, i) => close(p, reference.printed[i]))
      )
    ) {
      throw new Error(
        `${where}: printed ${JSON.stringify(printed)}, ${reference.where} ${JSON.stringify(reference.printed)}`,
      );
    }
  }
  console.log(
    promised.length > 0
      ? `every backend, ESM and CJS, prints the values README.md promises: ${JSON.stringify(promised)}`
      : 'every backend, ESM and CJS, prints the same values',
  );

  step('type-check with the public types (nodenext: .mts as ESM, .cts as CJS)');
  writeFileSync(join(app, 'types-esm.mts'), TYPES_CHECK);
  writeFileSync(join(app, 'types-cjs.cts'), TYPES_CHECK);
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    },
    files: ['types-esm.mts', 'types-cjs.cts'],
  };
  writeFileSync(join(app, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app);
  console.log('tsc: no errors');

  step('passed');
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
