// Writes goldens/manifest.json (every case's inputs, attributes and cotangents) for the float64
// reference generator. Output shapes come from the CPU backend; the generator checks them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@libml/backend-cpu';
import { buildManifest } from '../dist/cases-entry.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'goldens'), { recursive: true });
const manifest = buildManifest();
writeFileSync(join(root, 'goldens', 'manifest.json'), `${JSON.stringify(manifest)}\n`);
console.log(`goldens/manifest.json: ${manifest.cases.length} cases`);
