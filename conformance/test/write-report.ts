// Node-side report writer for the in-repo conformance runs: report/<backend>.json and .md.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportMarkdown } from '../src/report.js';
import type { ConformanceReport } from '../src/runner.js';

const reportDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'report');

export function writeReport(report: ConformanceReport): void {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(join(reportDir, `${report.backend}.json`), `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(join(reportDir, `${report.backend}.md`), reportMarkdown(report));
}
