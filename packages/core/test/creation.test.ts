import { describe, expect, test } from 'vitest';
import './setup.js';
import {
  arange,
  cast,
  eye,
  fill,
  ones,
  onesLike,
  randomBits,
  randomNormal,
  randomUniform,
  ShapeError,
  scalar,
  tensor,
  zerosLike,
} from '@libml/core';

describe('creation', () => {
  test('tensor infers shape and dtype, rejects ragged input', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(new Float64Array([1, 2])).dtype).toBe('float64');
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(ShapeError);
    expect(scalar(3).shape).toEqual([]);
  });

  test('constants, ranges and identity', () => {
    expect(Array.from(fill([2, 2], 7).dataSync())).toEqual([7, 7, 7, 7]);
    expect(Array.from(ones([3]).dataSync())).toEqual([1, 1, 1]);
    expect(Array.from(arange(5).dataSync())).toEqual([0, 1, 2, 3, 4]);
    expect(arange(5).dtype).toBe('int32');
    expect(Array.from(arange(0, 1, 0.25).dataSync())).toEqual([0, 0.25, 0.5, 0.75]);
    expect(Array.from(eye(2, 3).dataSync())).toEqual([1, 0, 0, 0, 1, 0]);
    const x = tensor([[1, 2]]);
    expect(Array.from(zerosLike(x).dataSync())).toEqual([0, 0]);
    expect(onesLike(x).shape).toEqual([1, 2]);
  });

  test('cast truncates toward zero and maps nonzero to true', () => {
    expect(Array.from(cast(tensor([-1.7, 1.7, 0.2]), 'int32').dataSync())).toEqual([-1, 1, 0]);
    expect(Array.from(cast(tensor([0, 2, Number.NaN]), 'bool').dataSync())).toEqual([0, 1, 1]);
  });

  test('seeded random numbers repeat and follow their distributions', () => {
    const a = randomUniform([1000], -1, 1, { seed: 42 });
    const b = randomUniform([1000], -1, 1, { seed: 42 });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const u = Array.from(a.dataSync());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...u)).toBeLessThan(1);
    const n = Array.from(randomNormal([20000], 3, 2, { seed: 7 }).dataSync());
    const mean = n.reduce((s, v) => s + v, 0) / n.length;
    const sd = Math.sqrt(n.reduce((s, v) => s + (v - mean) ** 2, 0) / n.length);
    expect(Math.abs(mean - 3)).toBeLessThan(0.05);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
  });

  test('Philox4x32-10 matches the Random123 known-answer vector', () => {
    // Random123 kat_vectors: philox4x32 10 rounds, counter 0, key 0.
    const bits = Array.from(randomBits(0, 4)).map((v) => v.toString(16).padStart(8, '0'));
    expect(bits).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
  });
});
