// Relative accuracy of the transcendental kernels WGSL leaves only absolutely accurate: log near 1, tanh
// near 0, sin and cos (plus the rest of their ranges, subnormals and special values), against float64
// references on float32 inputs. The bound is the conformance elementwise class (8 ulp of |expected|).
// Also exp(NaN) and the ops built on exp keep NaN (WGSL leaves it to the implementation).

import * as ml from '@libml/core';
import { describe, expect, test } from 'vitest';
import '../src/index.js';
import { useWebGpu, values } from './setup.js';

await useWebGpu();

const ULP = 2 ** -23;

/** Float32 inputs: a log-spaced sweep over [lo, hi] plus dense points around `center`. */
function sweep(lo: number, hi: number, n: number, center: number, halfWidth: number): Float32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(lo * (hi / lo) ** (i / (n - 1)));
  for (let i = -n; i <= n; i++) out.push(center + (halfWidth * i) / n);
  for (let i = 1; i <= 40; i++) out.push(center + 2 ** -i, center - 2 ** -i);
  return Float32Array.from(out);
}

function worstUlps(got: readonly number[], x: Float32Array, ref: (v: number) => number): [number, number] {
  let worst = 0;
  let at = Number.NaN;
  got.forEach((g, i) => {
    const e = ref(x[i]);
    if (e === 0) {
      expect(g, `at ${x[i]}`).toBe(0);
      return;
    }
    const u = Math.abs(g - e) / (Math.abs(e) * ULP);
    if (!(u <= worst)) {
      worst = u;
      at = x[i];
    }
  });
  return [worst, at];
}

describe('log', () => {
  test('relative error within 8 ulp from 1e-38 to 1e38 and around 1', async () => {
    const x = sweep(1e-38, 1e38, 4000, 1, 0.01);
    const [worst, at] = worstUlps(await values(ml.log(ml.tensor(x))), x, Math.log);
    expect(worst, `worst at ${at}`).toBeLessThanOrEqual(8);
  });
  test('subnormals, zeros, infinities, negatives, NaN', async () => {
    const x = [1e-45, 3e-42, 1.1e-38, 0, -0, Number.POSITIVE_INFINITY, -1, -0.5, Number.NaN, -Infinity];
    const got = await values(ml.log(ml.tensor(x)));
    const f = Float32Array.from(x);
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i] - Math.log(f[i]))).toBeLessThan(8 * ULP * 100);
    expect(got.slice(3)).toEqual([
      -Infinity,
      -Infinity,
      Infinity,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });
});

describe('tanh', () => {
  test('relative error within 8 ulp from 1e-30 to 20, both signs', async () => {
    const pos = sweep(1e-30, 20, 4000, 0.55, 0.05);
    const x = Float32Array.from([...pos, ...pos.map((v) => -v)]);
    const [worst, at] = worstUlps(await values(ml.tanh(ml.tensor(x))), x, Math.tanh);
    expect(worst, `worst at ${at}`).toBeLessThanOrEqual(8);
  });
  test('special values: signed zeros, saturation, NaN', async () => {
    const got = await values(ml.tanh(ml.tensor([0, -0, 9.5, -9.5, Infinity, -Infinity, Number.NaN])));
    expect(Object.is(got[0], 0)).toBe(true);
    expect(Object.is(got[1], -0)).toBe(true);
    expect(got.slice(2)).toEqual([1, -1, 1, -1, Number.NaN]);
  });
  test('gelu (tanh approximation) on small inputs stays relatively accurate', async () => {
    const x = [1e-3, -1e-3, 0.3, -2];
    const got = await values(ml.gelu(ml.tensor(x), { approximate: 'tanh' }));
    x.forEach((v, i) => {
      const f = Math.fround(v);
      const e = 0.5 * f * (1 + Math.tanh(0.7978845608028654 * (f + 0.044715 * f ** 3)));
      expect(Math.abs(got[i] - e)).toBeLessThanOrEqual(16 * ULP * Math.abs(e));
    });
  });
});

/** Float32 ulp at |e| (the spacing of float32 numbers there). */
function ulpAt(e: number): number {
  const a = Math.abs(e);
  return a < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(a)) - 23);
}

/** The worst error in ulps of the (float32) result, and where. */
function worstResultUlps(
  got: readonly number[],
  x: Float32Array,
  ref: (v: number) => number,
): [number, number] {
  let worst = 0;
  let at = Number.NaN;
  got.forEach((g, i) => {
    const u = Math.abs(g - ref(x[i])) / ulpAt(ref(x[i]));
    if (!(u <= worst)) {
      worst = u;
      at = x[i];
    }
  });
  return [worst, at];
}

/**
 * Trig inputs over [-limit, limit]: a uniform sweep, a log-spaced one down to 1e-30 (both signs), and
 * the float32 neighbours of multiples of pi/2 (where sin or cos goes to 0 and only an accurate
 * reduction keeps the relative error).
 */
function trigInputs(limit: number, n: number): Float32Array {
  const out: number[] = [];
  for (let i = 0; i <= n; i++) out.push(-limit + (2 * limit * i) / n);
  for (let i = 0; i < n; i++) {
    const v = 1e-30 * (limit / 1e-30) ** (i / (n - 1));
    out.push(v, -v);
  }
  const quarters = Math.floor(limit / (Math.PI / 2));
  const step = Math.max(1, Math.floor(quarters / n));
  for (let k = -quarters; k <= quarters; k += step) {
    const c = Math.fround((k * Math.PI) / 2);
    out.push(c, c + ulpAt(c), c - ulpAt(c));
  }
  return Float32Array.from(out);
}

describe.each([
  ['sin', ml.sin, Math.sin],
  ['cos', ml.cos, Math.cos],
] as const)('%s', (name, op, ref) => {
  test.each([
    [Math.PI, 4000],
    [20, 4000],
    [1e4, 4000],
    [2 ** 24, 4000],
  ])('within 4 ulp of the result on [-%d, %d] (zeros of the result included)', async (limit, n) => {
    const x = trigInputs(limit, n);
    const [worst, at] = worstResultUlps(await values(op(ml.tensor(x))), x, ref);
    console.log(`${name} on [-${limit}, ${limit}]: worst ${worst.toFixed(2)} ulp at ${at}`);
    expect(worst, `worst at ${at}`).toBeLessThanOrEqual(4);
  });
  test('NaN and infinities give NaN; beyond 2^24 (the builtin) within [-1, 1]', async () => {
    const got = await values(op(ml.tensor([Number.NaN, Infinity, -Infinity, 1e30, -3e38, 2 ** 24])));
    expect(got.slice(0, 3)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    for (const v of got.slice(3)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });
});

test('sin keeps the sign of zero; cos(0) is 1', async () => {
  const s = await values(ml.sin(ml.tensor([0, -0])));
  expect(Object.is(s[0], 0)).toBe(true);
  expect(Object.is(s[1], -0)).toBe(true);
  expect(await values(ml.cos(ml.tensor([0, -0])))).toEqual([1, 1]);
});

describe('NaN through exp', () => {
  const x = [Number.NaN, -Number.NaN, 0, -Infinity, Infinity, 1];
  test('exp(NaN) is NaN; exp of infinities and finite values as usual', async () => {
    const got = await values(ml.exp(ml.tensor(x)));
    expect(got.slice(0, 5)).toEqual([Number.NaN, Number.NaN, 1, 0, Infinity]);
    expect(Math.abs(got[5] - Math.E)).toBeLessThan(8 * ULP * Math.E);
  });
  test('sigmoid, softmax and logSoftmax keep NaN; jit (fused) sigmoid and tanh too', async () => {
    expect((await values(ml.sigmoid(ml.tensor([Number.NaN, 0]))))[0]).toBeNaN();
    expect((await values(ml.softmax(ml.tensor([Number.NaN, 0]))))[0]).toBeNaN();
    expect((await values(ml.logSoftmax(ml.tensor([Number.NaN, 0]))))[0]).toBeNaN();
    const f = ml.jit((t: ml.Tensor) => ml.add(ml.sigmoid(t), ml.tanh(ml.mul(t, 2))));
    for (let i = 0; i < 2; i++) {
      const got = await values(f(ml.tensor([Number.NaN, 0, 1])) as ml.Tensor);
      expect(got[0]).toBeNaN();
      expect(Math.abs(got[1] - 0.5)).toBeLessThan(1e-6);
    }
  });
});
