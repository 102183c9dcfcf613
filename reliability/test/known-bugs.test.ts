// libml bugs found by the reliability suite, pinned as minimal reproductions. An outstanding one is a
// `test.fails`: it turns red when the bug is fixed (then drop `.fails`, and the matching allowance in
// fuzz.test.ts). Fixed ones stay as regression tests; none is outstanding.

import { conv2d, conv2dTranspose, grad, log, ones, sum, type Tensor, tanh, tensor } from '@libml/core';
import { describe, expect, test } from 'vitest';
import { snapshot, use, values } from './support.js';

describe('wasm conv2d with a pad reaching past the input (fixed; kept as regression tests)', () => {
  // Found by fuzz:long (seed 146633122): wasm trapped with an untyped WebAssembly RuntimeError ('memory access
  // out of bounds') where cpu, webgpu and primitives-only give [1]. Also hit: 'same' with dilation on small inputs.
  test('cpu reference: conv2d(ones [1,1,1,1], ones [1,1,1,3], pads [[0,0],[2,0]]) = [1]', async () => {
    await use('cpu');
    const y = conv2d(ones([1, 1, 1, 1]), ones([1, 1, 1, 3]), {
      padding: [
        [0, 0],
        [2, 0],
      ],
    });
    expect(await values(y)).toEqual([1]);
  });
  test('wasm: conv2d(ones [1,1,1,1], ones [1,1,1,3], { padding: [[0,0],[2,0]] })', async () => {
    await use('wasm');
    ones([1]).dispose(); // the backend's first tensor adds its entry to memory(): take the snapshot after
    const before = snapshot();
    const x = ones([1, 1, 1, 1]);
    const w = ones([1, 1, 1, 3]);
    try {
      const y = conv2d(x, w, {
        padding: [
          [0, 0],
          [2, 0],
        ],
      });
      expect(await values(y)).toEqual([1]);
      y.dispose();
    } finally {
      x.dispose();
      w.dispose();
      expect(snapshot()).toBe(before); // the trap leaks nothing
    }
  });
  test("wasm: conv2d(x [1,1,1,1], w [1,1,1,3], { dilations: [1, 2], padding: 'same' })", async () => {
    await use('wasm');
    const y = conv2d(tensor([0.5], [1, 1, 1, 1]), tensor([1, 2, 3], [1, 1, 1, 3]), {
      dilations: [1, 2],
      padding: 'same',
    });
    expect(await values(y)).toEqual([1]);
  });
  test('wasm: gradient of conv2dTranspose(x [1,1,1,1], w [1,1,1,2], dilations [1,2], pads [[0,0],[2,0]])', async () => {
    await use('wasm');
    const w = tensor([1, 2], [1, 1, 1, 2]);
    const f = (x: Tensor) =>
      sum(
        conv2dTranspose(x, w, {
          dilations: [1, 2],
          padding: [
            [0, 0],
            [2, 0],
          ],
        }),
      );
    const dx = grad(f)(tensor([0.5], [1, 1, 1, 1]));
    expect((await values(dx)).length).toBe(1);
  });
});

describe("webgpu's log and tanh near a zero of the result (fixed; kept as regression tests)", () => {
  // Found by fuzz:long (seed 146633122): WGSL specifies log's accuracy as an absolute 2^-21 in [0.5, 2] (and
  // tanh's through its definition), and webgpu used the builtins: log(0.999) had relative error 5e-5 and
  // tanh(0.001) 1.7e-5, far over the elementwise class (8 ulp of |expected| + the array's largest magnitude;
  // for a scalar, 16 ulp). The kernels now evaluate both themselves (fdlibm's logf; an odd polynomial for
  // tanh near 0), with relative accuracy.
  const elementwise = (e: number) => 8 * 2 * 2 ** -23 * Math.abs(e);
  for (const [name, f, x, ref] of [
    ['log', log, 0.999, Math.log],
    ['tanh', tanh, 0.001, Math.tanh],
  ] as const) {
    test(`cpu: ${name}(${x}) within the class of float64`, async () => {
      await use('cpu');
      const e = ref(Math.fround(x));
      const [got] = await values(f(tensor([x])));
      expect(Math.abs(got - e)).toBeLessThanOrEqual(elementwise(e));
    });
    test(`webgpu: ${name}(${x}) within the class of float64`, async () => {
      await use('webgpu');
      const e = ref(Math.fround(x));
      const [got] = await values(f(tensor([x])));
      expect(Math.abs(got - e)).toBeLessThanOrEqual(elementwise(e));
    });
  }
});
