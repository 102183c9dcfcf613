import type { DType } from '@libml/core';
import { describe, expect, it } from 'vitest';
import {
  expectClose,
  type HostTensor,
  randomInt,
  randomTensor,
  rng,
  run1,
  runKernel,
  tensor,
  unravel,
} from './support/harness.js';

type ReduceName = 'sum' | 'prod' | 'max' | 'min' | 'mean';
const INITIAL: Record<ReduceName, number> = {
  sum: 0,
  prod: 1,
  max: Number.NEGATIVE_INFINITY,
  min: Number.POSITIVE_INFINITY,
  mean: 0,
};
const COMBINE: Record<ReduceName, (acc: number, v: number) => number> = {
  sum: (acc, v) => acc + v,
  prod: (acc, v) => acc * v,
  max: (acc, v) => (Number.isNaN(v) || v > acc ? v : acc),
  min: (acc, v) => (Number.isNaN(v) || v < acc ? v : acc),
  mean: (acc, v) => acc + v,
};

function keptShape(shape: readonly number[], axes: readonly number[]) {
  return shape.filter((_, i) => !axes.includes(i));
}

/** Groups every input element by its output position (the reduced axes removed). */
function groups(x: HostTensor, axes: readonly number[]): number[][] {
  const outShape = keptShape(x.shape, axes);
  const outSize = outShape.reduce((a, b) => a * b, 1);
  const result: number[][] = Array.from({ length: outSize }, () => []);
  for (let i = 0; i < x.values.length; i++) {
    const index = unravel(i, x.shape).filter((_, d) => !axes.includes(d));
    let flat = 0;
    for (let d = 0; d < outShape.length; d++) flat = flat * outShape[d] + index[d];
    result[flat].push(x.values[i]);
  }
  return result;
}

function reduceReference(name: ReduceName, x: HostTensor, axes: readonly number[]) {
  return groups(x, axes).map((values) => {
    const r = values.reduce(COMBINE[name], INITIAL[name]);
    return name === 'mean' ? r / values.length : r;
  });
}

function randomAxes(random: () => number, rank: number): number[] {
  return Array.from({ length: rank }, (_, i) => i).filter(() => random() < 0.5);
}

const SHAPES = [[], [7], [3, 5], [4, 1, 6], [2, 3, 4, 5], [3, 2, 1, 4, 3], [2, 0, 3], [5, 9, 2]];

describe('reductions', () => {
  const random = rng(4);
  for (const name of ['sum', 'prod', 'max', 'min', 'mean'] as const) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${name} ${dtype} over random axis subsets (contiguous and not)`, () => {
        for (const shape of SHAPES) {
          for (let trial = 0; trial < 6; trial++) {
            const axes =
              trial === 0 ? [] : trial === 1 ? shape.map((_, i) => i) : randomAxes(random, shape.length);
            const x = randomTensor(random, shape, dtype, 2);
            if (trial === 5 && x.values.length > 3) x.values[3] = Number.NaN;
            const expected = reduceReference(name, x, axes);
            const actual = run1(name, { axes }, [x], { shape: keptShape(shape, axes), dtype });
            const f32 = dtype === 'float32';
            expectClose(
              actual,
              f32 ? expected.map(Math.fround) : expected,
              f32 ? 1e-6 : 1e-13,
              f32 ? 1e-6 : 1e-13,
            );
          }
        }
      });
    }
  }

  it('empty reductions: sum 0, prod 1, max -Infinity, min +Infinity, mean NaN', () => {
    const x = tensor([], [2, 0]);
    const spec = { shape: [2], dtype: 'float64' as DType };
    expect(Array.from(run1('sum', { axes: [1] }, [x], spec))).toEqual([0, 0]);
    expect(Array.from(run1('prod', { axes: [1] }, [x], spec))).toEqual([1, 1]);
    expect(Array.from(run1('max', { axes: [1] }, [x], spec))).toEqual([-Infinity, -Infinity]);
    expect(Array.from(run1('min', { axes: [1] }, [x], spec))).toEqual([Infinity, Infinity]);
    expectClose(run1('mean', { axes: [1] }, [x], spec), [Number.NaN, Number.NaN]);
  });

  it('float32 sums accumulate in float64', () => {
    const n = 1 << 20;
    const x = tensor(new Float32Array(n).fill(0.1), [n], 'float32');
    const result = run1('sum', { axes: [0] }, [x], { shape: [], dtype: 'float32' });
    expect(result[0]).toBe(Math.fround(Math.fround(0.1) * n));
  });

  it('int32 sum and prod wrap', () => {
    const x = tensor([2147483647, 1, 65536, 65536], [2, 2], 'int32');
    expect(Array.from(run1('sum', { axes: [1] }, [x], { shape: [2], dtype: 'int32' }))).toEqual([
      -2147483648, 131072,
    ]);
    expect(Array.from(run1('prod', { axes: [1] }, [x], { shape: [2], dtype: 'int32' }))).toEqual([
      2147483647, 0,
    ]);
    expect(Array.from(run1('sum', { axes: [0] }, [x], { shape: [2], dtype: 'int32' }))).toEqual([
      -2147418113, 65537,
    ]);
  });
});

describe('argMax and argMin', () => {
  it('return the first extreme along any axis, the first NaN winning', () => {
    const random = rng(6);
    for (const name of ['argMax', 'argMin'] as const) {
      for (const shape of [[9], [4, 6], [3, 5, 4], [2, 3, 1, 5]]) {
        for (let axis = 0; axis < shape.length; axis++) {
          // Small integers make ties common.
          const x = tensor(
            Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () =>
              random() < 0.05 ? Number.NaN : randomInt(random, 0, 3),
            ),
            shape,
            'float32',
          );
          const outShape = shape.filter((_, i) => i !== axis);
          const expected = groups(x, [axis]).map((values) => {
            const nan = values.findIndex(Number.isNaN);
            if (nan >= 0) return nan;
            const target = name === 'argMax' ? Math.max(...values) : Math.min(...values);
            return values.indexOf(target);
          });
          const actual = run1(name, { axis }, [x], { shape: outShape, dtype: 'int32' });
          expect(actual).toBeInstanceOf(Int32Array);
          expect(Array.from(actual)).toEqual(expected);
        }
      }
    }
  });
});

describe('softmax and logSoftmax', () => {
  function softmaxReference(x: HostTensor, axis: number, log: boolean): number[] {
    const kept = x.shape.map((_, i) => i).filter((i) => i !== axis);
    const out = new Array<number>(x.values.length);
    const slices = new Map<string, number[]>();
    for (let i = 0; i < x.values.length; i++) {
      const key = kept.map((d) => unravel(i, x.shape)[d]).join(',');
      const list = slices.get(key) ?? [];
      list.push(i);
      slices.set(key, list);
    }
    for (const members of slices.values()) {
      const values = members.map((i) => x.values[i]);
      const peak = Math.max(...values);
      const total = values.reduce((s, v) => s + Math.exp(v - peak), 0);
      members.forEach((i, k) => {
        out[i] = log ? values[k] - peak - Math.log(total) : Math.exp(values[k] - peak) / total;
      });
    }
    return out;
  }

  it('match the stable reference along every axis, for inputs of magnitude 300', () => {
    const random = rng(7);
    for (const shape of [[5], [3, 4], [2, 3, 5], [4, 1, 3, 2]]) {
      for (let axis = 0; axis < shape.length; axis++) {
        const x = randomTensor(random, shape, 'float64', 300);
        for (const log of [false, true]) {
          const name = log ? 'logSoftmax' : 'softmax';
          const actual = run1(name, { axis }, [x], { shape, dtype: 'float64' });
          expectClose(actual, softmaxReference(x, axis, log), 1e-13, 1e-300);
        }
      }
    }
  });

  it('give NaN for an all -Infinity slice and handle ±300', () => {
    const x = tensor([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 300, -300], [2, 2]);
    const s = run1('softmax', { axis: 1 }, [x], { shape: [2, 2], dtype: 'float64' });
    expectClose(s, [Number.NaN, Number.NaN, 1, 0]);
    const l = run1('logSoftmax', { axis: 1 }, [x], { shape: [2, 2], dtype: 'float64' });
    expectClose(l, [Number.NaN, Number.NaN, 0, -600]);
    const f32 = tensor([300, -300, 299, 1], [4], 'float32');
    const s32 = run1('softmax', { axis: 0 }, [f32], { shape: [4], dtype: 'float32' });
    expectClose(
      s32,
      [1 / (1 + Math.exp(-1)), 0, Math.exp(-1) / (1 + Math.exp(-1)), 0].map(Math.fround),
      1e-6,
      1e-30,
    );
  });
});

describe('moments', () => {
  it('gives the mean and biased variance over the axes', () => {
    const random = rng(8);
    for (const [shape, axes] of [
      [[6, 4], [0]],
      [
        [2, 3, 4, 5],
        [0, 2, 3],
      ],
      [[3, 4, 5], [1]],
      [
        [4, 7],
        [0, 1],
      ],
      [[3, 2], []],
    ] as [number[], number[]][]) {
      const x = randomTensor(random, shape, 'float64', 5);
      for (let i = 0; i < x.values.length; i++) x.values[i] += 1000;
      const outShape = keptShape(shape, axes);
      const [mean, variance] = runKernel(
        'moments',
        { axes },
        [x],
        [
          { shape: outShape, dtype: 'float64' },
          { shape: outShape, dtype: 'float64' },
        ],
      );
      const g = groups(x, axes);
      const mu = g.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
      expectClose(mean, mu, 1e-14);
      expectClose(
        variance,
        g.map((v, k) => v.reduce((a, b) => a + (b - mu[k]) ** 2, 0) / v.length),
        1e-10,
      );
    }
  });
});
