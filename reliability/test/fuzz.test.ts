// Part 2: differential fuzzing. For every op, fast-check draws shapes, broadcasts, attributes and values;
// the forward result and the gradient of sum(out * u) (u random) on wasm, webgpu and the primitives-only
// construction must match cpu within the conformance tolerance classes (doubled: both sides round in
// float32). CI runs a fixed seed with RELIABILITY_FUZZ_RUNS (default 100) cases per op and backend;
// `pnpm --filter @libml/reliability fuzz:long` runs many more from a random seed.

import { add, currentBackend, exp, grad, mul, sum, type Tensor, tidy } from '@libml/core';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { type Case, cotangents, FUZZ_OPS, type FuzzOp, materialize, type Tolerance } from './fuzz-ops.js';
import { type BackendName, use } from './support.js';

const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 100);
const SEED_ENV = process.env.RELIABILITY_FUZZ_SEED ?? '20261123';
const SEED = SEED_ENV === 'random' ? Date.now() % 2 ** 31 : Number(SEED_ENV);
const ONLY = process.env.RELIABILITY_FUZZ_OPS?.split(',');
const TARGETS: readonly BackendName[] = ['wasm', 'webgpu', 'primitives-only'];

/** Known libml bugs the fuzzer found: op -> reason (the op's property runs as test.fails). */
const KNOWN: Record<string, string> = {};

/**
 * Known libml bugs the fuzzer hits at random seeds (each pinned as a test.fails in known-bugs.test.ts): a
 * case that hits one is counted apart ("known") instead of failing the run, so fuzz:long keeps looking for
 * new ones. Returns the bug's name when `err` (thrown on `backend`) is one of them. None is outstanding
 * (the wasm conv2d out-of-bounds read it found is fixed).
 */
function knownBug(_op: string, _backend: BackendName, _err: unknown): string | null {
  return null;
}

/**
 * Absolute error allowed on webgpu per op, beyond the tolerance classes: none. (log, tanh and pow had 2^-20
 * while webgpu used WGSL's log/tanh builtins, whose accuracy WGSL specifies as absolute near a zero of the
 * result; the kernels are relatively accurate now, known-bugs.test.ts keeps the reproductions.) A case
 * that needs an allowance is counted.
 */
const WGSL_ABSOLUTE: Record<string, number> = {};

const EPS32 = 2 ** -23;
function bound(cls: Tolerance, length: number, factor: number, expected: number, scale: number): number {
  if (cls === 'exact') return 0;
  const ulps = cls === 'elementwise' ? 8 : 8 + 2 * length;
  return ulps * factor * EPS32 * (Math.abs(expected) + scale);
}

/**
 * `floor`: a lower bound on the scale. Gradients and 'reduction'-class results use 1: they are sums of
 * products of O(1) inputs (and O(1) cotangents), and when such a sum cancels to a small value its rounding
 * error stays at the size of the terms, so a bound relative to the (small) result alone flags correct
 * backends (fuzz:long found wasm's [1,18] x [18,1] matmul = -0.00914 off cpu by 3.4e-7: summation order).
 * `atol`: an absolute allowance (see WGSL_ABSOLUTE).
 */
function mismatch(
  actual: readonly number[],
  expected: readonly number[],
  cls: Tolerance,
  length: number,
  factor: number,
  floor = 0,
  atol = 0,
): string | null {
  if (actual.length !== expected.length) return `${actual.length} values, expected ${expected.length}`;
  let scale = floor;
  for (const e of expected) if (Number.isFinite(e) && Math.abs(e) > scale) scale = Math.abs(e);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const tol = bound(cls, length, factor, e, scale) + atol;
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= tol;
    if (!ok) return `[${i}] got ${a}, expected ${e} (tolerance ${tol.toExponential(2)})`;
  }
  return null;
}

interface Result {
  shapes: number[][];
  dtypes: string[];
  outs: number[][];
  grads: number[][];
}

/** Milliseconds spent per op and backend (evaluate, reads included). */
const timing: Record<string, Record<string, number>> = {};

async function evaluate(op: FuzzOp, c: Case, seed: number, backend: BackendName): Promise<Result> {
  const started = performance.now();
  try {
    return await evaluateOn(op, c, seed, backend);
  } finally {
    timing[op.op] = timing[op.op] ?? {};
    const t = timing[op.op];
    t[backend] = (t[backend] ?? 0) + performance.now() - started;
  }
}

async function evaluateOn(op: FuzzOp, c: Case, seed: number, backend: BackendName): Promise<Result> {
  await use(backend);
  const xs = materialize(c, seed);
  const held: Tensor[] = [...xs];
  try {
    const outs = tidy(() => {
      const y = op.run(xs, c.attrs);
      return Array.isArray(y) ? [...y] : [y as Tensor];
    });
    held.push(...outs);
    const float = outs.every((t) => t.dtype === 'float32');
    const diff = float ? op.diff.filter((i) => xs[i]?.dtype === 'float32') : [];
    let grads: Tensor[] = [];
    if (diff.length > 0) {
      const us = cotangents(
        outs.map((t) => t.shape as number[]),
        seed,
      );
      held.push(...us);
      grads = tidy(() =>
        grad((...ins: Tensor[]) => {
          const y = op.run(ins, c.attrs);
          const ys = Array.isArray(y) ? y : [y as Tensor];
          return ys.map((t, i) => sum(mul(t, us[i]))).reduce((a, b) => add(a, b));
        }, diff)(...xs),
      ) as Tensor[];
      held.push(...grads);
    }
    return {
      shapes: outs.map((t) => [...t.shape]),
      dtypes: outs.map((t) => t.dtype),
      outs: await Promise.all(outs.map(async (t) => Array.from(await t.data(), Number))),
      grads: await Promise.all(grads.map(async (t) => Array.from(await t.data(), Number))),
    };
  } finally {
    for (const t of held) t.dispose();
  }
}

const counts: Record<string, Record<string, number>> = {};
const mismatches: Record<string, number> = {};

function describeCase(op: FuzzOp, c: Case, seed: number): string {
  return `${op.op}(${c.inputs.map((s) => `${s.kind}[${s.shape.join(',')}]`).join(', ')}) attrs ${JSON.stringify(c.attrs)} seed ${seed}`;
}

describe(`differential fuzzing against cpu (seed ${SEED}, ${RUNS} cases per op and backend)`, () => {
  for (const op of FUZZ_OPS) {
    if (ONLY && !ONLY.includes(op.op)) continue;
    const run = KNOWN[op.op] ? test.fails : test;
    run(
      `${op.op}${KNOWN[op.op] ? ` (known failure: ${KNOWN[op.op]})` : ''}`,
      async () => {
        counts[op.op] = {};
        await fc
          .assert(
            fc.asyncProperty(op.arb, fc.integer({ min: 0, max: 2 ** 30 }), async (c, seed) => {
              const ref = await evaluate(op, c, seed, 'cpu');
              const length = Math.max(op.length?.(c) ?? 1, 1);
              const gradLength = Math.max(
                length,
                ...c.inputs.map((s) => s.shape.reduce((a, b) => a * b, 1)),
                ...ref.shapes.map((s) => s.reduce((a, b) => a * b, 1)),
              );
              for (const b of TARGETS) {
                let got: Result;
                try {
                  got = await evaluate(op, c, seed, b);
                } catch (err) {
                  const bug = knownBug(op.op, b, err);
                  if (!bug) throw err;
                  counts[op.op][`${b}:known`] = (counts[op.op][`${b}:known`] ?? 0) + 1;
                  continue;
                }
                const atol = b === 'webgpu' ? (WGSL_ABSOLUTE[op.op] ?? 0) : 0;
                if (
                  atol > 0 &&
                  (ref.outs.some((e, i) =>
                    mismatch(got.outs[i], e, op.tolerance, length, 2, op.tolerance === 'reduction' ? 1 : 0),
                  ) ||
                    ref.grads.some((e, i) => mismatch(got.grads[i], e, 'reduction', gradLength, 4, 1)))
                )
                  counts[op.op][`${b}:atol`] = (counts[op.op][`${b}:atol`] ?? 0) + 1;
                const where = `${b} vs cpu on ${describeCase(op, c, seed)}`;
                if (
                  JSON.stringify(got.shapes) !== JSON.stringify(ref.shapes) ||
                  JSON.stringify(got.dtypes) !== JSON.stringify(ref.dtypes)
                )
                  throw new Error(
                    `${where}: output ${JSON.stringify(got.shapes)} ${got.dtypes}, cpu ${JSON.stringify(ref.shapes)} ${ref.dtypes}`,
                  );
                ref.outs.forEach((e, i) => {
                  const m = mismatch(
                    got.outs[i],
                    e,
                    op.tolerance,
                    length,
                    2,
                    op.tolerance === 'reduction' ? 1 : 0,
                    atol,
                  );
                  if (m) throw new Error(`${where}: forward output ${i}: ${m}`);
                });
                ref.grads.forEach((e, i) => {
                  const m = mismatch(got.grads[i], e, 'reduction', gradLength, 4, 1, atol);
                  if (m) throw new Error(`${where}: gradient ${i}: ${m}`);
                });
                counts[op.op][b] = (counts[op.op][b] ?? 0) + 1;
                if (ref.grads.length > 0) counts[op.op][`${b}:grad`] = (counts[op.op][`${b}:grad`] ?? 0) + 1;
              }
            }),
            { numRuns: RUNS, seed: SEED, endOnFailure: false },
          )
          .catch((err) => {
            mismatches[op.op] = (mismatches[op.op] ?? 0) + 1;
            throw err;
          });
        for (const b of TARGETS)
          expect((counts[op.op][b] ?? 0) + (counts[op.op][`${b}:known`] ?? 0)).toBeGreaterThanOrEqual(RUNS);
      },
      60_000 + RUNS * 1_000,
    );
  }
});

test('the harness catches a wrong backend and shrinks it to a minimal case', async () => {
  // A mutant op: 1 + 2^-12 relative error off cpu, well outside the elementwise class.
  const mutant: FuzzOp = {
    ...FUZZ_OPS.find((o) => o.op === 'exp')!,
    op: 'exp (mutant)',
    run: ([x]) => (currentBackend().name === 'cpu' ? exp(x) : mul(exp(x), 1 + 2 ** -12)),
  };
  const failure = await fc
    .assert(
      fc.asyncProperty(mutant.arb, fc.integer({ min: 0, max: 2 ** 30 }), async (c, seed) => {
        const ref = await evaluate(mutant, c, seed, 'cpu');
        const got = await evaluate(mutant, c, seed, 'wasm');
        const m = mismatch(got.outs[0], ref.outs[0], 'elementwise', 1, 2);
        if (m) throw new Error(m);
      }),
      { numRuns: 20, seed: SEED },
    )
    .then(
      () => null,
      (err: Error) => err.message,
    );
  expect(failure).toMatch(/Counterexample: \[\{"inputs":\[\{"shape":\[\]/);
});

afterAll(() => {
  const lines = Object.entries(counts).map(
    ([op, c]) =>
      `  ${op.padEnd(20)} ${TARGETS.map(
        (b) =>
          `${b} ${c[b] ?? 0} (${c[`${b}:grad`] ?? 0} with grad${c[`${b}:known`] ? `, ${c[`${b}:known`]} hit a known bug` : ''}${c[`${b}:atol`] ? `, ${c[`${b}:atol`]} within WGSL's absolute accuracy only` : ''})`,
      ).join(', ')}${mismatches[op] ? '  MISMATCH' : ''}; ms: ${Object.entries(timing[op] ?? {})
        .map(([b, ms]) => `${b} ${ms.toFixed(0)}`)
        .join(' ')}`,
  );
  const total = Object.values(counts).reduce((a, c) => a + TARGETS.reduce((s, b) => s + (c[b] ?? 0), 0), 0);
  console.log(
    `[reliability] fuzz seed ${SEED}: ${Object.keys(counts).length} ops, ${total} backend-cases compared with cpu, ${Object.keys(mismatches).length} ops with mismatches\n${lines.join('\n')}`,
  );
});
