// Relative accuracy of the transcendental kernels WGSL leaves only absolutely accurate: log near 1 and
// tanh near 0 (plus the rest of their ranges, subnormals and special values), against float64 references
// on float32 inputs. The bound is the conformance elementwise class (8 ulp of |expected|).

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
