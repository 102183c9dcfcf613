// The publishable packages and how to pack them with pnpm (which rewrites `workspace:` ranges to real
// versions, as `pnpm publish` does).

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every package published to npm, relative to the repository root. */
export const PUBLISHABLE = [
  'packages/core',
  'packages/backend-cpu',
  'packages/backend-wasm',
  'packages/backend-webgpu',
  'packages/nn',
  'conformance',
];

export const PNPM_VERSION = '12.21.0';

/** Runs pnpm: the one running this script when there is one (npm_execpath), else the pinned one via npx. */
export function pnpm(args, options = {}) {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: read outside turbo tasks, only to find pnpm
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm/.test(execpath) && execpath.endsWith('.cjs')) {
    return execFileSync(process.execPath, [execpath, ...args], { encoding: 'utf8', ...options });
  }
  return execFileSync('npx', ['-y', `pnpm@${PNPM_VERSION}`, ...args], { encoding: 'utf8', ...options });
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * `pnpm pack` of each package directory (relative to `root`) into `dest`. Returns
 * [{ dir, name, version, tarball }] in the order given.
 */
export function packAll(root, dirs, dest) {
  return dirs.map((dir) => {
    const pkg = readJson(join(root, dir, 'package.json'));
    const before = new Set(readdirSync(dest));
    pnpm(['pack', '--pack-destination', dest], { cwd: join(root, dir), stdio: ['ignore', 'pipe', 'pipe'] });
    const made = readdirSync(dest).filter((f) => f.endsWith('.tgz') && !before.has(f));
    if (made.length !== 1)
      throw new Error(`pnpm pack in ${dir} made ${made.length} tarballs: ${made.join(', ')}`);
    return { dir, name: pkg.name, version: pkg.version, tarball: join(dest, made[0]) };
  });
}
