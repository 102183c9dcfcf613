// runConformance: registers the whole suite as vitest tests against one backend, and builds the
// report (per op and check: pass / fail / xfail / skip, case counts, kernel provenance).
// Uses no Node-only API: the report goes to a caller-supplied writer.

import { findBackend, getBackend, type KernelEvent, onKernel, setBackend, tidy } from '@libml/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { suites } from './cases/index.js';
import {
  CHECKS,
  type CheckName,
  checkFiniteDifferences,
  checkForward,
  checkGradient64,
  checkJit,
  checkJitVjp,
  checkSecondOrder,
  checkVjp,
  toTensor as convTensor,
  type GoldenCase,
  hasSecondOrder,
  leakMessage,
  liveOn,
  type PreparedCase,
  prepare,
  readAll,
} from './checks.js';
import { mismatch } from './compare.js';
import { eagerOutputs, FUSED_CASES, runFusedCase } from './fused.js';
import { goldens } from './generated/goldens.js';
import { caseSeed, drawInput } from './inputs.js';
import { ONNX_ADAPTERS } from './onnx/adapters.js';
import { runOnnxTest } from './onnx/run.js';
import { ONNX_EXPECTED_PRECISION, ONNX_OPS, onnxLeftOutReason } from './onnx/support.js';
import { onnxTests } from './onnx/tests.js';
import { ONNX_SOURCE, onnxTestName } from './onnx/types.js';
import type { OpSuite } from './types.js';

/**
 * Outcome of a check: pass, fail, xfail (failed as a recorded expectation says) or skip (the check does not
 * apply).
 */
export type CheckStatus = 'pass' | 'fail' | 'xfail' | 'skip';

/**
 * A known failure or a loosened check, with its reason; shown in the report. `check: 'onnx'` marks an
 * ONNX op's node tests (`op` is then the ONNX op type, e.g. 'Gemm').
 */
export interface Expectation {
  readonly op: string;
  readonly check: CheckName | 'onnx';
  readonly reason: string;
}

/** Options of runConformance. */
export interface ConformanceOptions {
  /** Name of a registered backend. */
  readonly backend: string;
  /** Overrides what the backend reports about itself. */
  readonly capabilities?: { readonly float64?: boolean };
  /** Checks expected to fail (run as test.fails, so one that starts passing turns red). */
  readonly expectations?: readonly Expectation[];
  /** Only these ops (default: all). */
  readonly ops?: readonly string[];
  /**
   * ONNX's own node tests (goldens/onnx), run through libml's public ops: on by default; false turns them
   * off, `{ ops }` runs only those ONNX op types.
   */
  readonly onnx?: boolean | { readonly ops?: readonly string[] };
  /** Receives the report (e.g. writes conformance/report/<backend>.json and .md). */
  readonly writeReport?: (report: ConformanceReport) => void | Promise<void>;
}

/** One check's result for one op. */
export interface CheckDetail {
  status: CheckStatus;
  /** Cases the check ran on. */
  cases: number;
  /** Distinct attribute sets among those cases. */
  variants: number;
  /** Why the check failed, or (skip) why it does not apply. */
  message?: string;
  /** The reason of the expectation recorded for this check, if any. */
  reason?: string;
}

/** One op's results: the cases, each check's result, and the kernels that ran. */
export interface OpDetail {
  cases: number;
  checks: Partial<Record<CheckName, CheckDetail>>;
  /** Kernels that ran for the op's cases: native (backend) or decomposed (core). */
  provenance: Record<string, 'native' | 'decomposed' | 'native+decomposed' | 'view'>;
}

/** A recorded expectation and what became of it. */
export interface ExpectationOutcome extends Expectation {
  /** xfail: failed as expected; pass: it passes now (the test turns red: remove the expectation). */
  status: CheckStatus | 'not run';
}

/**
 * ONNX's node tests of one ONNX op type, run through libml's public ops: counts, failures, tests left out and
 * why.
 */
export interface OnnxOpDetail {
  status: CheckStatus;
  /** How the ONNX op is expressed through libml's public ops. */
  libml: string;
  /** The tolerance class used (forward only, against ONNX's float32 expected values). */
  tolerance: string;
  tests: number;
  run: number;
  passed: number;
  failed: number;
  leftOut: number;
  /** Distinct attribute sets among the tests run. */
  variants: number;
  failures: { test: string; message: string }[];
  leftOutTests: { test: string; reason: string }[];
  /** Tests compared with an extra allowance because ONNX's expected values are rounded, with the reason. */
  loosened: { test: string; reason: string }[];
  /** Kernels that ran for the tests: native (backend) or decomposed (core). */
  provenance: Provenance;
  reason?: string;
}

/** ONNX's node tests on one backend: the pinned test source, totals, and the results per ONNX op type. */
export interface OnnxReport {
  source: typeof ONNX_SOURCE;
  summary: {
    tests: number;
    run: number;
    passed: number;
    failed: number;
    expectedFailures: number;
    leftOut: number;
  };
  ops: Record<string, OnnxOpDetail>;
}

/**
 * What runConformance hands to `writeReport`: one backend's results per op and check, the expectations and
 * their outcomes, and the ONNX and fused sections.
 */
export interface ConformanceReport {
  backend: string;
  /**
   * libml checks per op (pass / fail / xfail / skip, counted per op and check), and the recorded
   * expectations with their reasons and outcomes (ONNX ones included).
   */
  summary: {
    passed: number;
    failed: number;
    expectedFailures: number;
    skipped: number;
    expectations: ExpectationOutcome[];
  };
  ops: Record<string, Partial<Record<CheckName, CheckStatus>>>;
  details: Record<string, OpDetail>;
  expectations: Expectation[];
  /** ONNX's node tests per ONNX op (absent when turned off). */
  onnx?: OnnxReport;
  /** The fused-kernel cases (jit's fusedElementwise / fusedMatmul) against eager runs on the backend. */
  fused?: FusedReport;
}

/**
 * The fused-kernel cases on one backend: each function jit-compiled and compared with its eager run on the
 * same backend.
 */
export interface FusedReport {
  summary: { cases: number; passed: number; failed: number; skipped: number };
  cases: Record<
    string,
    {
      kernel: string;
      status: CheckStatus;
      /** Kernel calls the traced function made, and steps after jit's passes. */
      tracedKernels?: number;
      steps?: number;
      message?: string;
    }
  >;
}

/** The cases a check runs on (exported for the suite's own coverage test). */
export function casesFor(
  suite: OpSuite,
  check: CheckName,
  all: PreparedCase[],
  float64: boolean,
): PreparedCase[] {
  // Cases that need float64 (a cast to it, say) apply only to backends that have it.
  const usable = float64 ? all : all.filter((p) => !needsFloat64(p));
  const differentiable = usable.filter((p) => p.diff.length > 0);
  switch (check) {
    case 'forward':
    case 'leak':
    case 'jit':
      return usable;
    case 'vjp':
    case 'jitVjp':
      return differentiable;
    case 'secondOrder':
      return differentiable.filter(hasSecondOrder);
    case 'finiteDifference':
      return differentiable.filter((p) => !p.spec.skipFiniteDifferences);
    case 'gradCheck64':
      return float64 ? differentiable.filter((p) => !p.spec.skipFiniteDifferences) : [];
  }
  void suite;
}

async function runCheck(
  suite: OpSuite,
  check: CheckName,
  p: PreparedCase,
  events: KernelEvent[],
  backend: string,
): Promise<string | null> {
  switch (check) {
    case 'forward':
      return checkForward(suite, p, events);
    case 'vjp':
      return checkVjp(suite, p);
    case 'finiteDifference':
      return checkFiniteDifferences(suite, p);
    case 'gradCheck64':
      return checkGradient64(suite, p);
    case 'secondOrder':
      return checkSecondOrder(suite, p);
    case 'jit':
      return checkJit(suite, p, backend);
    case 'jitVjp':
      return checkJitVjp(suite, p, backend);
    case 'leak': {
      const before = liveOn(backend);
      try {
        await checkForward(suite, p, []);
        if (p.diff.length > 0 && hasSecondOrder(p)) await checkSecondOrder(suite, p);
      } catch {
        // Errors are the other checks' business; here only what stays allocated counts.
      }
      return leakMessage(before, liveOn(backend));
    }
  }
}

function needsFloat64(p: PreparedCase): boolean {
  return p.attrs.dtype === 'float64' || p.inputs.some((h) => h.dtype === 'float64');
}

function notApplicable(check: CheckName, all: PreparedCase[], float64: boolean): string {
  if (check === 'gradCheck64' && !float64) return 'the backend has no float64';
  if (all.every((p) => p.diff.length === 0)) return 'not differentiable';
  return 'every case opts out (kinks or non-finite inputs)';
}

type Provenance = OpDetail['provenance'];

/**
 * Adds the kernels that ran to `provenance` and checks each against the backend's own kernel table: a
 * native run needs the backend's kernel, a decomposition its absence. Returns any disagreement.
 */
function recordProvenance(provenance: Provenance, events: readonly KernelEvent[], backend: string): string[] {
  const kernels = (findBackend(backend)?.kernels ?? {}) as Record<string, unknown>;
  const problems = new Set<string>();
  for (const e of events) {
    // Zero-size results run no kernel at all; they say nothing about provenance.
    if (e.path === 'empty') continue;
    if (e.backend !== backend) problems.add(`provenance: ${e.op} ran on '${e.backend}', not '${backend}'`);
    const has = typeof kernels[e.op] === 'function';
    if (e.path === 'native' && !has)
      problems.add(`provenance: ${e.op} reported native, the backend has no kernel`);
    if (e.path === 'decomposed' && has)
      problems.add(`provenance: ${e.op} reported decomposed, the backend has a kernel`);
    const prev = provenance[e.op];
    provenance[e.op] = prev && prev !== e.path ? 'native+decomposed' : e.path;
  }
  return [...problems];
}

/** Registers the conformance suite for `options.backend` in the calling vitest file. */
export function runConformance(options: ConformanceOptions): void {
  const { backend } = options;
  const expectations = options.expectations ?? [];
  const selected = suites.filter((s) => !options.ops || options.ops.includes(s.op));
  const report: ConformanceReport = {
    backend,
    summary: {
      passed: 0,
      failed: 0,
      expectedFailures: 0,
      skipped: 0,
      expectations: expectations.map((e) => ({ ...e, status: 'not run' as const })),
    },
    ops: {},
    details: {},
    expectations: [...expectations],
  };
  let float64 = options.capabilities?.float64 ?? false;

  describe(`conformance on '${backend}'`, () => {
    beforeAll(async () => {
      await setBackend(backend);
      expect(getBackend()).toBe(backend);
      float64 = options.capabilities?.float64 ?? findBackend(backend)?.capabilities.float64 ?? false;
    });

    for (const suite of selected) {
      describe(suite.op, () => {
        const golden = goldens[suite.op] as { cases: Record<string, GoldenCase> } | undefined;
        const prepared = suite.cases.map((c) => prepare(suite, c, golden?.cases[c.name]));
        const detail: OpDetail = { cases: prepared.length, checks: {}, provenance: {} };
        report.details[suite.op] = detail;
        report.ops[suite.op] = {};
        const events: KernelEvent[] = [];

        for (const check of CHECKS) {
          const expectation = expectations.find((e) => e.op === suite.op && e.check === check);
          const record = (status: CheckStatus, cases: PreparedCase[], message?: string) => {
            const variants = new Set(cases.map((p) => JSON.stringify(p.attrs))).size;
            detail.checks[check] = {
              status,
              cases: cases.length,
              variants,
              message,
              reason: expectation?.reason,
            };
            report.ops[suite.op][check] = status;
            const outcome = report.summary.expectations.find((e) => e.op === suite.op && e.check === check);
            if (outcome) outcome.status = status;
            if (status === 'pass') report.summary.passed++;
            else if (status === 'fail') report.summary.failed++;
            else if (status === 'xfail') report.summary.expectedFailures++;
            else report.summary.skipped++;
          };
          const body = async () => {
            const cases = casesFor(suite, check, prepared, float64);
            if (cases.length === 0) {
              record('skip', cases, notApplicable(check, prepared, float64));
              return;
            }
            const failures: string[] = [];
            for (const p of cases) {
              let message: string | null;
              try {
                message = await runCheck(suite, check, p, events, backend);
              } catch (e) {
                message = `threw ${(e as Error).stack ?? String(e)}`;
              }
              if (message) failures.push(`${p.spec.name}: ${message}`);
            }
            if (check === 'forward') failures.push(...recordProvenance(detail.provenance, events, backend));
            const failed = failures.length > 0;
            record(
              failed ? (expectation ? 'xfail' : 'fail') : 'pass',
              cases,
              failed ? failures.join('\n') : undefined,
            );
            expect(failures, failures.join('\n')).toEqual([]);
          };
          if (expectation) test.fails(`${check} (expected to fail: ${expectation.reason})`, body);
          else test(check, body);
        }
      });
    }

    registerFused(report, backend);

    if (options.onnx !== false) {
      const only = typeof options.onnx === 'object' ? options.onnx.ops : undefined;
      registerOnnx(report, expectations, backend, only);
    }

    afterAll(async () => {
      await options.writeReport?.(report);
    });
  });
}

/** ONNX's node tests, one vitest test per ONNX op, recorded under report.onnx. */
function registerOnnx(
  report: ConformanceReport,
  expectations: readonly Expectation[],
  backend: string,
  only?: readonly string[],
) {
  const onnx: OnnxReport = {
    source: ONNX_SOURCE,
    summary: { tests: 0, run: 0, passed: 0, failed: 0, expectedFailures: 0, leftOut: 0 },
    ops: {},
  };
  report.onnx = onnx;
  describe('onnx', () => {
    for (const op of ONNX_OPS) {
      if (only && !only.includes(op)) continue;
      const tests = onnxTests.filter((t) => t.op === op);
      const expectation = expectations.find((e) => e.check === 'onnx' && e.op === op);
      const adapter = ONNX_ADAPTERS[op];
      const body = async () => {
        const detail: OnnxOpDetail = {
          status: 'pass',
          libml: adapter.libml,
          tolerance: '',
          tests: tests.length,
          run: 0,
          passed: 0,
          failed: 0,
          leftOut: 0,
          variants: 0,
          failures: [],
          leftOutTests: [],
          loosened: [],
          provenance: {},
          reason: expectation?.reason,
        };
        onnx.ops[op] = detail;
        const variants = new Set<string>();
        const tolerances = new Map<string, Set<number>>();
        for (const t of tests) {
          const name = onnxTestName(t);
          const reason = onnxLeftOutReason(t);
          if (reason) {
            detail.leftOut++;
            detail.leftOutTests.push({ test: name, reason });
            continue;
          }
          detail.run++;
          variants.add(JSON.stringify(t.attributes));
          const precision = ONNX_EXPECTED_PRECISION[name];
          if (precision) detail.loosened.push({ test: name, reason: precision.reason });
          let message: string | null;
          const events: KernelEvent[] = [];
          const stop = onKernel((e) => events.push(e));
          try {
            const r = await runOnnxTest(t);
            if (!tolerances.has(r.tolerance)) tolerances.set(r.tolerance, new Set());
            tolerances.get(r.tolerance)!.add(r.length);
            message = r.message;
          } catch (e) {
            message = `threw ${(e as Error).stack ?? String(e)}`;
          } finally {
            stop();
          }
          const problems = recordProvenance(detail.provenance, events, backend);
          if (problems.length > 0) message = [message, ...problems].filter(Boolean).join('; ');
          if (message) {
            detail.failed++;
            detail.failures.push({ test: name, message });
          } else detail.passed++;
        }
        detail.variants = variants.size;
        detail.tolerance = [...tolerances]
          .map(([cls, lengths]) =>
            cls === 'reduction' ? `reduction (n = ${[...lengths].sort((a, b) => a - b).join(', ')})` : cls,
          )
          .join('; ');
        const failed = detail.failed > 0;
        detail.status = failed ? (expectation ? 'xfail' : 'fail') : detail.run === 0 ? 'skip' : 'pass';
        onnx.summary.tests += detail.tests;
        onnx.summary.run += detail.run;
        onnx.summary.passed += detail.passed;
        onnx.summary.failed += expectation ? 0 : detail.failed;
        onnx.summary.expectedFailures += expectation ? detail.failed : 0;
        onnx.summary.leftOut += detail.leftOut;
        const outcome = report.summary.expectations.find((e) => e.check === 'onnx' && e.op === op);
        if (outcome) outcome.status = detail.status;
        const messages = detail.failures.map((f) => `${f.test}: ${f.message}`);
        expect(messages, messages.join('\n')).toEqual([]);
      };
      if (expectation) test.fails(`${op} (expected to fail: ${expectation.reason})`, body);
      else test(op, body);
    }
  });
}

/** The fused-kernel cases, one vitest test each, recorded under report.fused. */
function registerFused(report: ConformanceReport, backend: string) {
  const fused: FusedReport = { summary: { cases: 0, passed: 0, failed: 0, skipped: 0 }, cases: {} };
  report.fused = fused;
  describe('fused kernels (jit)', () => {
    for (const c of FUSED_CASES) {
      test(c.name, async () => {
        fused.summary.cases++;
        const kernels = (findBackend(backend)?.kernels ?? {}) as Record<string, unknown>;
        if (typeof kernels[c.kernel] !== 'function') {
          fused.cases[c.name] = {
            kernel: c.kernel,
            status: 'skip',
            message: `the backend has no ${c.kernel}`,
          };
          fused.summary.skipped++;
          return;
        }
        const before = liveOn(backend);
        const hosts = c.inputs.map((spec, i) =>
          drawInput(spec, caseSeed('fused', { name: c.name, inputs: c.inputs }, `input${i}`)),
        );
        const inputs = hosts.map((h) => convTensor(h));
        let message: string | null = null;
        let stats: { tracedKernels: number; steps: number } | undefined;
        try {
          const eager = tidy(() => eagerOutputs(c, inputs));
          const expected = await readAll(eager);
          for (const t of eager) t.dispose();
          const run = runFusedCase(c, inputs);
          stats = run.stats;
          const actual = await readAll(run.outputs);
          run.outputs.forEach((t) => {
            t.dispose();
          });
          const ran =
            c.kernel === 'fusedMatmul'
              ? run.stats.matmulEpilogues
              : c.kernel === 'fusedConv2d'
                ? run.stats.convEpilogues
                : run.stats.fusedPrograms;
          if (ran === 0)
            message = `jit did not use ${c.kernel} (steps ${run.stats.steps} of ${run.stats.tracedKernels} kernels)`;
          for (let i = 0; i < actual.length && !message; i++) {
            message = mismatch(
              actual[i],
              expected[i],
              { cls: 'elementwise', length: 1, factor: c.transcendental ? 16 : 4 },
              `output ${i}`,
            );
          }
        } catch (e) {
          message = `threw ${(e as Error).stack ?? String(e)}`;
        } finally {
          for (const t of inputs) t.dispose();
        }
        message ??= leakMessage(before, liveOn(backend));
        const status: CheckStatus = message ? 'fail' : 'pass';
        fused.cases[c.name] = { kernel: c.kernel, status, ...stats, message: message ?? undefined };
        if (message) fused.summary.failed++;
        else fused.summary.passed++;
        expect(message, message ?? '').toBeNull();
      });
    }
  });
}
