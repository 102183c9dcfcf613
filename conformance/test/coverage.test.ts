// The suite's own coverage, independent of any backend: every check that applies to an op runs on more
// than one case, and ONNX's node tests run except for the listed kinds of left-out tests.

import { describe, expect, test } from 'vitest';
import { suites } from '../src/cases/index.js';
import { CHECKS, type GoldenCase, prepare } from '../src/checks.js';
import { goldens } from '../src/generated/goldens.js';
import { onnxLeftOutReason } from '../src/onnx/support.js';
import { onnxTests } from '../src/onnx/tests.js';
import { casesFor } from '../src/runner.js';

describe('coverage', () => {
  test('every applicable check runs on more than one case (float64 backend)', () => {
    const thin: string[] = [];
    for (const suite of suites) {
      const golden = goldens[suite.op] as { cases: Record<string, GoldenCase> } | undefined;
      const prepared = suite.cases.map((c) => prepare(suite, c, golden?.cases[c.name]));
      for (const check of CHECKS) {
        const n = casesFor(suite, check, prepared, true).length;
        if (n === 1) thin.push(`${suite.op} ${check}`);
      }
    }
    expect(thin).toEqual([]);
  });

  test("ONNX's node tests: at least 185 of 211 run, the rest only for the allowed reasons", () => {
    expect(onnxTests.length).toBe(211);
    const leftOut = onnxTests.map(onnxLeftOutReason).filter((r): r is string => r !== undefined);
    expect(onnxTests.length - leftOut.length).toBeGreaterThanOrEqual(185);
    for (const reason of leftOut) {
      expect(reason).toMatch(
        /^(1-D|3-D) (AveragePool|MaxPool|ConvTranspose)|^second output \(argmax|^int64 data/,
      );
    }
    // Every test that runs has its data bundled.
    for (const t of onnxTests) {
      if (onnxLeftOutReason(t) === undefined) expect(t.inputs.every((x) => x.data !== undefined)).toBe(true);
    }
  });
});
