// A few direct checks of the backend through libml's public API, the way an application would use it.

import { grad, matmul, setBackend, softmax, sum, type Tensor, tensor } from '@libml/core';
import { beforeAll, expect, test } from 'vitest';
import '../src/index.js';

beforeAll(async () => {
  await setBackend('typed-arrays');
});

test('matmul runs on the native override', async () => {
  const c = matmul(
    tensor([
      [1, 2],
      [3, 4],
    ]),
    tensor([[5], [6]]),
  );
  expect(Array.from(await c.data())).toEqual([17, 39]);
});

test("softmax rows sum to one and the gradient is core's", async () => {
  const x = tensor([
    [1, 2, 3],
    [0, 0, 0],
  ]);
  const p = await softmax(x, 1).data();
  expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 6);
  // d/dx sum(softmax(x)) = 0: each row of softmax sums to one whatever x is.
  const dx = await grad((x: Tensor) => sum(softmax(x, 1)))(x).data();
  for (const v of dx) expect(Math.abs(v)).toBeLessThan(1e-6);
});
