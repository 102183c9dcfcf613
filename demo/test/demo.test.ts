// The demo's training loop learns (a short run), leaves nothing allocated, and splits reproducibly.

import { memory } from '@libml/core';
import '@libml/backend-cpu';
import { dispose } from '@libml/core';
import { describe, expect, test } from 'vitest';
import { loadDigits, splitDigits } from '../src/data.js';
import { train } from '../src/train.js';

describe('digits demo', () => {
  test('the data loads with its 1,797 labelled images', () => {
    const d = loadDigits();
    expect(d.count).toBe(1797);
    expect(Math.max(...d.images)).toBe(1);
    expect(new Set(d.labels).size).toBe(10);
  });

  test('the split is seeded, disjoint and covers every image', () => {
    const d = loadDigits();
    const a = splitDigits(d, 3);
    const b = splitDigits(d, 3);
    expect(Array.from(a.test.labels)).toEqual(Array.from(b.test.labels));
    expect(a.train.count + a.validation.count + a.test.count).toBe(1797);
  });

  test('three epochs reach 90% test accuracy and free every tensor', async () => {
    const before = memory().numTensors;
    const r = await train({ backend: 'cpu', epochs: 3, batchSize: 32, seed: 1, lr: 3e-3 });
    expect(r.testAccuracy).toBeGreaterThan(0.9);
    dispose(r.params);
    expect(memory().numTensors).toBe(before);
  });
});
