import { describe, expect, test } from 'vitest';
import './setup.js';
import {
  add,
  argMax,
  argMin,
  cast,
  div,
  equal,
  matmul,
  max,
  maximum,
  mul,
  notEqual,
  reduceMean,
  relu,
  scalar,
  sigmoid,
  softmax,
  sum,
  tensor,
} from '@libml/core';

const values = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

describe('semantics (docs/semantics.md)', () => {
  test('promotion: int32 with float32 is float32; JS numbers are weak', () => {
    const i = tensor(new Int32Array([1, 2]));
    const f = tensor([0.5, 0.5]);
    expect(add(i, f).dtype).toBe('float32');
    expect(add(i, 2).dtype).toBe('int32');
    expect(add(i, 2.5).dtype).toBe('float32');
    expect(add(tensor(new Float64Array([1])), 1).dtype).toBe('float64');
    expect(add(tensor([true, true]), tensor([true, false])).dtype).toBe('int32');
  });

  test('int32 division is true division; int32 addition wraps', () => {
    const q = div(tensor(new Int32Array([7, -7])), tensor(new Int32Array([2, 2])));
    expect(q.dtype).toBe('float32');
    expect(values(q)).toEqual([3.5, -3.5]);
    expect(values(add(tensor(new Int32Array([2147483647])), 1))).toEqual([-2147483648]);
  });

  test('NaN propagates through relu, maximum and max', () => {
    expect(Number.isNaN(values(relu(tensor([Number.NaN])))[0])).toBe(true);
    expect(Number.isNaN(values(maximum(tensor([Number.NaN]), tensor([1])))[0])).toBe(true);
    expect(Number.isNaN(values(max(tensor([1, Number.NaN, 3])))[0])).toBe(true);
    expect(values(notEqual(tensor([Number.NaN]), tensor([Number.NaN])))).toEqual([1]);
    expect(values(equal(tensor([Number.NaN]), tensor([Number.NaN])))).toEqual([0]);
  });

  test('argMax/argMin pick the first extremum; NaN counts as the extremum', () => {
    expect(values(argMax(tensor([1, 3, 3, 2])))).toEqual([1]);
    expect(values(argMin(tensor([2, 1, 1, 5])))).toEqual([1]);
    expect(values(argMax(tensor([1, Number.NaN, 3])))).toEqual([1]);
  });

  test('softmax and sigmoid saturate cleanly at +-300', () => {
    expect(values(softmax(tensor([300, -300, 0])))).toEqual([1, 0, 0]);
    expect(values(sigmoid(tensor([300, -300])))).toEqual([1, 0]);
  });

  test('empty reductions', () => {
    const empty = tensor([], [0, 3]);
    expect(values(sum(empty, 0))).toEqual([0, 0, 0]);
    expect(values(max(empty, 0))).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(values(reduceMean(empty, 0)).every(Number.isNaN)).toBe(true);
    expect(values(mul(empty, 2))).toEqual([]);
  });

  test('matmul with vectors drops the vector axis', () => {
    const m = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(matmul(tensor([1, 1]), m).shape).toEqual([2]);
    expect(values(matmul(m, tensor([1, 1])))).toEqual([3, 7]);
    expect(matmul(tensor([1, 1]), tensor([1, 1])).shape).toEqual([]);
  });

  test('casts', () => {
    expect(values(cast(tensor([2.9, -2.9]), 'int32'))).toEqual([2, -2]);
    expect(cast(scalar(1), 'float32').dtype).toBe('float32');
  });
});
