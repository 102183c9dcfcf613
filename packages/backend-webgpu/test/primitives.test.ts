// Every version-1 primitive against simple expected values, read back with `await data()`.

import * as ml from '@libml/core';
import { describe, expect, test } from 'vitest';
import '../src/index.js';
import { expectClose, useWebGpu, values } from './setup.js';

await useWebGpu();

const xs = [-2, -0.5, 0, 0.5, 1, 3];

describe('unary', () => {
  const cases: [string, (t: ml.Tensor) => ml.Tensor, (v: number) => number][] = [
    ['abs', ml.abs, Math.abs],
    ['exp', ml.exp, Math.exp],
    ['sin', ml.sin, Math.sin],
    ['cos', ml.cos, Math.cos],
    ['tanh', ml.tanh, Math.tanh],
  ];
  for (const [name, f, ref] of cases) {
    test(name, async () => {
      expectClose(await values(f(ml.tensor(xs))), xs.map(ref), 2e-6);
    });
  }
  test('log and sqrt: 0, negatives and NaN', async () => {
    const v = [4, 1, 0, -1, Number.NaN, Number.POSITIVE_INFINITY];
    expectClose(await values(ml.log(ml.tensor(v))), v.map(Math.log), 2e-6);
    expectClose(await values(ml.sqrt(ml.tensor(v))), v.map(Math.sqrt), 2e-6);
  });
  test('erf', async () => {
    const v = [-3, -1, -0.3, 0, 0.2, 0.5, 1, 2, 5];
    // erf reference values (float64).
    const e = [
      -0.9999779095030014, -0.8427007929497149, -0.3286267594591912, 0, 0.2227025892104321,
      0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9999999999984626,
    ];
    expectClose(await values(ml.erf(ml.tensor(v))), e, 2e-6);
  });
  test('tanh saturates without NaN', async () => {
    expectClose(await values(ml.tanh(ml.tensor([-300, 300, 20, Number.NaN]))), [-1, 1, 1, Number.NaN]);
  });
  test('abs keeps int32', async () => {
    const t = ml.abs(ml.tensor(new Int32Array([-3, 0, 7])));
    expect(t.dtype).toBe('int32');
    expect(await values(t)).toEqual([3, 0, 7]);
  });
});

describe('binary', () => {
  test('add, mul, div, maximum', async () => {
    const a = ml.tensor([1, -2, 3, Number.NaN]);
    const b = ml.tensor([4, 5, -6, 1]);
    expectClose(await values(ml.add(a, b)), [5, 3, -3, Number.NaN]);
    expectClose(await values(ml.mul(a, b)), [4, -10, -18, Number.NaN]);
    expectClose(await values(ml.div(a, b)), [0.25, -0.4, -0.5, Number.NaN]);
    expectClose(await values(ml.maximum(a, b)), [4, 5, 3, Number.NaN]);
    expectClose(await values(ml.maximum(b, a)), [4, 5, 3, Number.NaN]);
  });
  test('pow: JavaScript special cases', async () => {
    const a = [2, -2, -2, 0, 0, -8, 1.5, 4, Number.NaN, 3];
    const b = [10, 3, 0.5, -1, 2, 1 / 3, -2.5, 0.5, 0, 10.5];
    const expected = a.map((x, i) => Math.fround(x ** Math.fround(b[i])));
    expectClose(await values(ml.pow(ml.tensor(a), ml.tensor(b))), expected, 1e-5);
  });
  test('pow int32 wraps', async () => {
    const t = ml.pow(
      ml.tensor(new Int32Array([2, 3, -2, 7, 2])),
      ml.tensor(new Int32Array([10, 3, 3, 0, 33])),
    );
    expect(t.dtype).toBe('int32');
    expect(await values(t)).toEqual([1024, 27, -8, 1, 0]);
  });
  test('equal and less give bool; NaN compares false', async () => {
    const a = ml.tensor([1, 2, Number.NaN, 4]);
    const b = ml.tensor([1, 3, Number.NaN, 3]);
    const eq = ml.equal(a, b);
    expect(eq.dtype).toBe('bool');
    expect(await values(eq)).toEqual([1, 0, 0, 0]);
    expect(await values(ml.less(a, b))).toEqual([0, 1, 0, 0]);
  });
  test('broadcasting in both orders and across ranks', async () => {
    const a = ml.tensor([[1], [2], [3]]); // [3, 1]
    const b = ml.tensor([10, 20]); // [2]
    expect(await values(ml.add(a, b))).toEqual([11, 21, 12, 22, 13, 23]);
    expect(await values(ml.sub(b, a))).toEqual([9, 19, 8, 18, 7, 17]);
    const c = ml.reshape(ml.arange(24), [2, 3, 4]);
    const d = ml.reshape(ml.tensor([1, 2, 3]), [3, 1]);
    const cv = await values(c);
    const expected = cv.map((v, i) => v * (Math.floor(i / 4) % 3) + v);
    expect(await values(ml.mul(c, ml.add(d, 0)))).toEqual(
      cv.map((v, i) => v * ((Math.floor(i / 4) % 3) + 1)),
    );
    expect(expected.length).toBe(24);
    expect(await values(ml.add(ml.scalar(1), c))).toEqual(cv.map((v) => v + 1));
  });
  test('int32 arithmetic wraps', async () => {
    const a = ml.tensor(new Int32Array([2147483647, -5]));
    const b = ml.tensor(new Int32Array([1, 3]));
    expect(await values(ml.add(a, b))).toEqual([-2147483648, -2]);
    expect(await values(ml.mul(a, b))).toEqual([2147483647, -15]);
    expect(await values(ml.maximum(a, b))).toEqual([2147483647, 3]);
  });
  test('where broadcasts cond, a and b', async () => {
    const cond = ml.tensor([true, false, true]);
    const t = ml.where(cond, ml.tensor([[1], [2]]), ml.scalar(-1));
    expect(t.shape).toEqual([2, 3]);
    expect(await values(t)).toEqual([1, -1, 1, 2, -1, 2]);
    const ti = ml.where(cond, ml.tensor(new Int32Array([4, 5, 6])), ml.tensor(new Int32Array([7, 8, 9])));
    expect(await values(ti)).toEqual([4, 8, 6]);
  });
});

describe('cast', () => {
  test('float to int truncates and wraps; to bool is != 0 with NaN true', async () => {
    const x = ml.tensor([1.7, -1.7, 0, Number.NaN, 3e9, -0.2, Number.POSITIVE_INFINITY]);
    expect(await values(ml.cast(x, 'int32'))).toEqual([1, -1, 0, 0, 3e9 | 0, 0, 0]);
    expect(await values(ml.cast(x, 'bool'))).toEqual([1, 1, 0, 1, 1, 1, 1]);
  });
  test('int and bool round trips', async () => {
    const i = ml.tensor(new Int32Array([0, -3, 5]));
    expect(await values(ml.cast(i, 'float32'))).toEqual([0, -3, 5]);
    const b = ml.cast(i, 'bool');
    expect(b.dtype).toBe('bool');
    expect(await values(b)).toEqual([0, 1, 1]);
    expect(await values(ml.cast(b, 'int32'))).toEqual([0, 1, 1]);
    expect(await values(ml.cast(b, 'float32'))).toEqual([0, 1, 1]);
  });
});

describe('reductions', () => {
  const x = ml.tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  test('sum, prod, max over axes', async () => {
    expect(await values(ml.sum(x))).toEqual([21]);
    expect(await values(ml.sum(x, 0))).toEqual([5, 7, 9]);
    expect(await values(ml.sum(x, 1))).toEqual([6, 15]);
    expect(await values(ml.prod(x, 1))).toEqual([6, 120]);
    expect(await values(ml.max(x, 0))).toEqual([4, 5, 6]);
  });
  test('long reductions use the workgroup tree', async () => {
    const n = 10000;
    const v = Array.from({ length: n }, (_, i) => (i % 7) - 3);
    const t = ml.tensor(v, [4, n / 4]);
    const expected = [0, 1, 2, 3].map((r) =>
      v.slice((r * n) / 4, ((r + 1) * n) / 4).reduce((a, b) => a + b, 0),
    );
    expect(await values(ml.sum(t, 1))).toEqual(expected);
    expect(await values(ml.sum(t))).toEqual([v.reduce((a, b) => a + b, 0)]);
    expect(await values(ml.max(t, 1))).toEqual([3, 3, 3, 3]);
  });
  test('middle axes and int32', async () => {
    const t = ml.reshape(ml.arange(24, undefined, 1, 'int32'), [2, 3, 4]);
    expect(await values(ml.sum(t, [0, 2]))).toEqual([60, 92, 124]);
    expect(await values(ml.max(t, 1))).toEqual([8, 9, 10, 11, 20, 21, 22, 23]);
  });
  test('max propagates NaN; argMax picks the first maximum and counts NaN as maximal', async () => {
    const t = ml.tensor([
      [1, 5, 5, 2],
      [1, Number.NaN, 9, Number.NaN],
    ]);
    expectClose(await values(ml.max(t, 1)), [5, Number.NaN]);
    const am = ml.argMax(t, 1);
    expect(am.dtype).toBe('int32');
    expect(await values(am)).toEqual([1, 1]);
    const long = Array.from({ length: 1000 }, (_, i) => (i === 700 || i === 900 ? 5 : i % 3));
    expect(await values(ml.argMax(ml.tensor(long)))).toEqual([700]);
  });
  test('empty reductions', async () => {
    const e = ml.zeros([2, 0]);
    expect(await values(ml.sum(e, 1))).toEqual([0, 0]);
    expect(await values(ml.prod(e, 1))).toEqual([1, 1]);
    expect(await values(ml.max(e, 1))).toEqual([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });
});

describe('movement', () => {
  const x = ml.reshape(ml.arange(6), [2, 3]);
  test('transpose', async () => {
    expect(await values(ml.transpose(x))).toEqual([0, 3, 1, 4, 2, 5]);
    const y = ml.reshape(ml.arange(24), [2, 3, 4]);
    const t = ml.transpose(y, [2, 0, 1]);
    expect(t.shape).toEqual([4, 2, 3]);
    const v = await values(t);
    expect(v.slice(0, 6)).toEqual([0, 4, 8, 12, 16, 20]);
  });
  test('broadcastTo', async () => {
    expect(await values(ml.broadcastTo(ml.tensor([1, 2]), [3, 2]))).toEqual([1, 2, 1, 2, 1, 2]);
  });
  test('slice', async () => {
    expect(await values(ml.slice(x, [0, 1], [2, 2]))).toEqual([1, 2, 4, 5]);
  });
  test('pad', async () => {
    expect(await values(ml.pad(ml.tensor([1, 2]), [[1, 2]], 9))).toEqual([9, 1, 2, 9, 9]);
    expect(
      await values(
        ml.pad(x, [
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toEqual([0, 0, 0, 0, 0, 1, 2, 0, 3, 4, 5, 0]);
  });
  test('concat', async () => {
    expect(await values(ml.concat([x, x], 1))).toEqual([0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5]);
    const parts = Array.from({ length: 7 }, (_, i) => ml.tensor([i]));
    expect(await values(ml.concat(parts))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const b = ml.concat([ml.tensor([true]), ml.tensor([false, true])]);
    expect(b.dtype).toBe('bool');
    expect(await values(b)).toEqual([1, 0, 1]);
  });
  test('gather with negative indices', async () => {
    const idx = ml.tensor(new Int32Array([2, -3, 0]));
    expect(await values(ml.gather(ml.tensor([10, 20, 30]), idx))).toEqual([30, 10, 10]);
    const g = ml.gather(x, ml.tensor(new Int32Array([-1, 0])), 1);
    expect(g.shape).toEqual([2, 2]);
    expect(await values(g)).toEqual([2, 0, 5, 3]);
    const gi = ml.gather(
      ml.tensor(new Int32Array([7, 8])),
      ml.tensor(
        [
          [1, 1],
          [0, 1],
        ],
        undefined,
        'int32',
      ),
    );
    expect(gi.shape).toEqual([2, 2]);
    expect(await values(gi)).toEqual([8, 8, 7, 8]);
  });
});
