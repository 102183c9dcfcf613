// Writes docs/conformance.md, the cross-backend matrix, from every conformance/report/<backend>.json.
// The root test command runs it after all packages' tests (each backend writes its own report).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matrixMarkdown } from '../dist/cases-entry.js';

const conformance = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportDir = join(conformance, 'report');
const reports = existsSync(reportDir)
  ? readdirSync(reportDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(reportDir, f), 'utf8')))
  : [];
if (reports.length === 0) {
  console.error('no conformance reports yet: run the tests first');
  process.exit(1);
}
writeFileSync(
  join(conformance, '..', 'docs', 'conformance.md'),
  matrixMarkdown(reports, '`npx -y pnpm@12.21.0 test`'),
);
console.log(
  `docs/conformance.md: ${reports.map((r) => `${r.backend} (${r.summary.failed} failed)`).join(', ')}`,
);
