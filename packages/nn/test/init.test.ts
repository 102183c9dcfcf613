// Initialisers: fans, the mean and spread of He and Glorot draws, bounds of the uniform ones, seeding.

import { setBackend, type Tensor } from '@libml/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { Conv2d, fans, glorotNormal, glorotUniform, heNormal, heUniform, Linear } from '../src/index.js';
import { values } from './setup.js';

beforeAll(async () => {
  await setBackend('cpu');
});

function stats(t: Tensor): { mean: number; std: number; min: number; max: number } {
  const v = values(t);
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  t.dispose();
  return { mean, std, min: v.reduce((a, b) => Math.min(a, b)), max: v.reduce((a, b) => Math.max(a, b)) };
}

describe('initialisers', () => {
  test('fans follow PyTorch: [out, in] and OIHW', () => {
    expect(fans([300, 200])).toEqual({ fanIn: 200, fanOut: 300 });
    expect(fans([64, 32, 3, 3])).toEqual({ fanIn: 288, fanOut: 576 });
    expect(fans([10])).toEqual({ fanIn: 10, fanOut: 10 });
  });

  test('He normal and uniform: variance 2 / fanIn, uniform within sqrt(6 / fanIn)', () => {
    const shape = [256, 512];
    const target = Math.sqrt(2 / 512);
    const n = stats(heNormal(shape, { seed: 1 }));
    expect(Math.abs(n.mean)).toBeLessThan(0.01 * target * 10);
    expect(n.std / target).toBeCloseTo(1, 1);
    const u = stats(heUniform(shape, { seed: 2 }));
    expect(u.std / target).toBeCloseTo(1, 1);
    expect(u.max).toBeLessThanOrEqual(Math.sqrt(6 / 512));
    expect(u.min).toBeGreaterThanOrEqual(-Math.sqrt(6 / 512));
    expect(u.max).toBeGreaterThan(0.99 * Math.sqrt(6 / 512));
    const fo = stats(heNormal(shape, { seed: 3, mode: 'fanOut', gain: 1 }));
    expect(fo.std / Math.sqrt(1 / 256)).toBeCloseTo(1, 1);
  });

  test('Glorot normal and uniform: variance 2 / (fanIn + fanOut)', () => {
    const shape = [64, 32, 3, 3];
    const target = Math.sqrt(2 / (288 + 576));
    const n = stats(glorotNormal(shape, { seed: 4 }));
    expect(Math.abs(n.mean)).toBeLessThan(0.1 * target);
    expect(n.std / target).toBeCloseTo(1, 1);
    const u = stats(glorotUniform(shape, { seed: 5 }));
    expect(u.std / target).toBeCloseTo(1, 1);
    expect(u.max).toBeLessThanOrEqual(Math.sqrt(6 / 864));
  });

  test('a seed gives the same weights (any backend: core Philox); layers take a seed and an initialiser', () => {
    expect(values(heNormal([4, 4], { seed: 9 }))).toEqual(values(heNormal([4, 4], { seed: 9 })));
    expect(values(heNormal([4, 4], { seed: 9 }))).not.toEqual(values(heNormal([4, 4], { seed: 10 })));
    const a = new Linear(8, 4, { seed: 11, init: glorotUniform });
    const b = new Linear(8, 4, { seed: 11, init: glorotUniform });
    expect(values(a.parameters().weight as Tensor)).toEqual(values(b.parameters().weight as Tensor));
    expect(values(a.parameters().bias as Tensor)).toEqual([0, 0, 0, 0]);
    const c = new Conv2d(4, 8, 3, { seed: 11, dtype: 'float64' });
    expect((c.parameters().weight as Tensor).dtype).toBe('float64');
    a.dispose();
    b.dispose();
    c.dispose();
  });
});
