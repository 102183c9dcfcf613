#!/usr/bin/env node
// Packaging lint for every publishable package: publint (package.json fields, exports, files) and
// arethetypeswrong (do the types resolve, and match the JS, under node10, node16 CJS and ESM, bundlers),
// both on the tarball `pnpm pack` produces, i.e. exactly what npm would publish. Needs built dist/
// folders (run after `turbo run build`). Exits non-zero on any publint error or warning or any attw
// problem; publint suggestions are printed only.
//
//   node scripts/check-packages.mjs [packages/core ...]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { PUBLISHABLE, packAll, readJson } from './lib/packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Exports that are files loaded by URL, not modules to import, so they have no types by design. `.wasm`
 * exports are always treated so; anything else is listed here by name.
 */
const ASSET_EXPORTS = {
  // The worker script of the threaded build: started with `new Worker(url)`, never imported.
  '@libml/backend-wasm': ['./worker.js'],
};
const dirs = process.argv.length > 2 ? process.argv.slice(2) : PUBLISHABLE;
const attw = join(root, 'node_modules', '.bin', 'attw');
const started = Date.now();
const dest = mkdtempSync(join(tmpdir(), 'libml-check-packages-'));
let failures = 0;

try {
  for (const { dir, name, tarball } of packAll(root, dirs, dest)) {
    const pkgDir = join(root, dir);
    const problems = [];

    // publint, on the packed file list.
    const data = readFileSync(tarball);
    const tarballBuffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    const { messages } = await publint({ pack: { tarball: tarballBuffer }, level: 'suggestion' });
    const pkg = readJson(join(pkgDir, 'package.json'));
    for (const message of messages) {
      const line = `publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`;
      if (message.type === 'suggestion') console.log(`  ${name}: ${line}`);
      else problems.push(line);
    }

    // arethetypeswrong, on the tarball, leaving out exports that are assets rather than modules.
    const exclude = Object.keys(pkg.exports ?? {}).filter(
      (key) => key.endsWith('.wasm') || (ASSET_EXPORTS[name] ?? []).includes(key),
    );
    const args = [tarball, '--format', 'ascii', '--no-emoji', '--no-color', '--profile', 'strict'];
    if (exclude.length > 0) args.push('--exclude-entrypoints', ...exclude);
    try {
      execFileSync(attw, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      problems.push(
        `arethetypeswrong:\n${String(error.stdout ?? '') + String(error.stderr ?? '')}`.trimEnd(),
      );
    }

    if (problems.length === 0) {
      console.log(`ok   ${name} (${relative(root, pkgDir)}): publint and arethetypeswrong clean`);
    } else {
      failures++;
      console.log(`FAIL ${name} (${relative(root, pkgDir)}):`);
      for (const problem of problems) console.log(`  ${problem.replaceAll('\n', '\n    ')}`);
    }
  }
} finally {
  rmSync(dest, { recursive: true, force: true });
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`check-packages: ${dirs.length - failures} of ${dirs.length} packages clean (${seconds} s)`);
process.exit(failures > 0 ? 1 : 0);
