// Writes the conformance report of this backend to conformance/report/wasm.json and wasm.md.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConformanceReport, reportMarkdown } from '@libml/conformance';

const reportDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'conformance', 'report');

export function writeReport(report: ConformanceReport): void {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(join(reportDir, `${report.backend}.json`), `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(join(reportDir, `${report.backend}.md`), reportMarkdown(report));
}
