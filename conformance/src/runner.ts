// runConformance: registers the whole suite as vitest tests against one backend, and builds the
// report (per op and check: pass / fail / xfail / skip, case counts, kernel provenance).
// Uses no Node-only API: the report goes to a caller-supplied writer.

import { findBackend, getBackend, type KernelEvent, setBackend } from '@libml/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { suites } from './cases/index.js';
import {
  CHECKS,
  type CheckName,
  checkFiniteDifferences,
  checkForward,
  checkGradient64,
  checkSecondOrder,
  checkVjp,
  type GoldenCase,
  hasSecondOrder,
  leakMessage,
  liveOn,
  type PreparedCase,
  prepare,
} from './checks.js';
import { goldens } from './generated/goldens.js';
import type { OpSuite } from './types.js';

export type CheckStatus = 'pass' | 'fail' | 'xfail' | 'skip';

/** A known failure or a loosened check, with its reason; shown in the report. */
export interface Expectation {
  readonly op: string;
  readonly check: CheckName;
  readonly reason: string;
}

export interface ConformanceOptions {
  /** Name of a registered backend. */
  readonly backend: string;
  /** Overrides what the backend reports about itself. */
  readonly capabilities?: { readonly float64?: boolean };
  /** Checks expected to fail (run as test.fails, so one that starts passing turns red). */
  readonly expectations?: readonly Expectation[];
  /** Only these ops (default: all). */
  readonly ops?: readonly string[];
  /** Receives the report (e.g. writes conformance/report/<backend>.json and .md). */
  readonly writeReport?: (report: ConformanceReport) => void | Promise<void>;
}

export interface CheckDetail {
  status: CheckStatus;
  /** Cases the check ran on. */
  cases: number;
  /** Distinct attribute sets among those cases. */
  variants: number;
  message?: string;
  reason?: string;
}

export interface OpDetail {
  cases: number;
  checks: Partial<Record<CheckName, CheckDetail>>;
  /** Kernels that ran for the op's cases: native (backend) or decomposed (core). */
  provenance: Record<string, 'native' | 'decomposed' | 'native+decomposed' | 'view'>;
}

export interface ConformanceReport {
  backend: string;
  summary: { passed: number; failed: number; expectedFailures: number; skipped: number };
  ops: Record<string, Partial<Record<CheckName, CheckStatus>>>;
  details: Record<string, OpDetail>;
  expectations: Expectation[];
}

function casesFor(suite: OpSuite, check: CheckName, all: PreparedCase[], float64: boolean): PreparedCase[] {
  const differentiable = all.filter((p) => p.diff.length > 0);
  switch (check) {
    case 'forward':
    case 'leak':
      return all;
    case 'vjp':
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

function runCheck(suite: OpSuite, check: CheckName, p: PreparedCase, events: KernelEvent[], backend: string) {
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
    case 'leak': {
      const before = liveOn(backend);
      try {
        checkForward(suite, p, []);
        if (p.diff.length > 0 && hasSecondOrder(p)) checkSecondOrder(suite, p);
      } catch {
        // Errors are the other checks' business; here only what stays allocated counts.
      }
      return leakMessage(before, liveOn(backend));
    }
  }
}

function notApplicable(check: CheckName, all: PreparedCase[], float64: boolean): string {
  if (check === 'gradCheck64' && !float64) return 'the backend has no float64';
  if (all.every((p) => p.diff.length === 0)) return 'not differentiable';
  return 'every case opts out (kinks or non-finite inputs)';
}

/** Registers the conformance suite for `options.backend` in the calling vitest file. */
export function runConformance(options: ConformanceOptions): void {
  const { backend } = options;
  const expectations = options.expectations ?? [];
  const selected = suites.filter((s) => !options.ops || options.ops.includes(s.op));
  const report: ConformanceReport = {
    backend,
    summary: { passed: 0, failed: 0, expectedFailures: 0, skipped: 0 },
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
            if (status === 'pass') report.summary.passed++;
            else if (status === 'fail') report.summary.failed++;
            else if (status === 'xfail') report.summary.expectedFailures++;
            else report.summary.skipped++;
          };
          const body = () => {
            const cases = casesFor(suite, check, prepared, float64);
            if (cases.length === 0) {
              record('skip', cases, notApplicable(check, prepared, float64));
              return;
            }
            const failures: string[] = [];
            for (const p of cases) {
              let message: string | null;
              try {
                message = runCheck(suite, check, p, events, backend);
              } catch (e) {
                message = `threw ${(e as Error).stack ?? String(e)}`;
              }
              if (message) failures.push(`${p.spec.name}: ${message}`);
            }
            if (check === 'forward') {
              // Zero-size results run no kernel at all; they say nothing about provenance.
              for (const e of events) {
                if (e.path === 'empty') continue;
                const prev = detail.provenance[e.op];
                detail.provenance[e.op] = prev && prev !== e.path ? 'native+decomposed' : e.path;
              }
            }
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

    afterAll(async () => {
      await options.writeReport?.(report);
    });
  });
}
