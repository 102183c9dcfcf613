// Runs libml's whole conformance suite (goldens, VJPs, finite differences, float64 gradient checks,
// second order, leaks, ONNX's node tests) against this backend, and writes its report beside this
// package: report/typed-arrays.md. (It is kept out of conformance/report, so the cross-backend matrix in
// docs/conformance.md lists only the shipped backends.)

import { mkdirSync, writeFileSync } from 'node:fs';
import { type ConformanceReport, reportMarkdown, runConformance } from '@libml/conformance';
import '../src/index.js'; // registers 'typed-arrays'

const reportDir = new URL('../report/', import.meta.url);

function writeReport(report: ConformanceReport): void {
  mkdirSync(reportDir, { recursive: true });
  // The markdown is the readable report; the JSON behind it is `report` itself (print or save it as well).
  writeFileSync(new URL(`${report.backend}.md`, reportDir), reportMarkdown(report));
}

runConformance({ backend: 'typed-arrays', writeReport });
