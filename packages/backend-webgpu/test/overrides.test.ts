// Native overrides (matmul, convolutions and their gradients, softmax, pooling and grads, moments, the
// elementwise families) against the CPU backend on the same seeded inputs, forward and through vjp.

import '@libml/backend-cpu';
import * as ml from '@libml/core';
import { describe, expect, test } from 'vitest';
import { registerWebGpuBackend } from '../src/index.js';
import { expectClose, useWebGpu } from './setup.js';

await useWebGpu();

/** Deterministic pseudo-random floats in [-1, 1). */
function rand(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = ((s >>> 0) / 2 ** 32) * 2 - 1;
  }
  return out;
}

type Inputs = { values: Float32Array; shape: number[] }[];

/** Runs `f` on cpu and on webgpu with the same inputs; returns every output of each as arrays. */
async function both(inputs: Inputs, f: (...xs: ml.Tensor[]) => ml.Tensor | ml.Tensor[], backend = 'webgpu') {
  const run = async (backend: string) => {
    await ml.setBackend(backend);
    const xs = inputs.map((i) => ml.tensor(i.values, i.shape));
    const out = f(...xs);
    const outs = Array.isArray(out) ? out : [out];
    const result = await Promise.all(
      outs.map(async (t) => ({ shape: t.shape, values: Array.from(await t.data()) })),
    );
    ml.dispose([xs, outs]);
    return result;
  };
  const cpu = await run('cpu');
  const gpu = await run(backend);
  await ml.setBackend('webgpu');
  return { cpu, gpu };
}

async function expectSame(
  inputs: Inputs,
  f: (...xs: ml.Tensor[]) => ml.Tensor | ml.Tensor[],
  rtol = 1e-4,
  atol = 1e-5,
  backend = 'webgpu',
) {
  const { cpu, gpu } = await both(inputs, f, backend);
  expect(gpu.length).toBe(cpu.length);
  gpu.forEach((g, i) => {
    expect(g.shape).toEqual(cpu[i].shape);
    expectClose(g.values, cpu[i].values, rtol, atol);
  });
}

const inp = (shape: number[], seed: number) => ({
  values: rand(
    shape.reduce((a, b) => a * b, 1),
    seed,
  ),
  shape,
});

/** f's value and the gradients of <u, f(xs)> for a fixed cotangent u. */
function withGrads(f: (...xs: ml.Tensor[]) => ml.Tensor, seed = 99) {
  return (...xs: ml.Tensor[]): ml.Tensor[] => {
    const y = f(...xs);
    const u = ml.tensor(rand(y.size, seed), y.shape);
    const { value, grads } = ml.vjp((...a: ml.Tensor[]) => f(...a), xs, u);
    return [value, ...(grads as ml.Tensor[])];
  };
}

describe('matmul', () => {
  const cases: [number[], number[], boolean, boolean][] = [
    [[3, 5], [5, 4], false, false],
    [[67, 33], [33, 70], false, false],
    [[2, 3, 17, 9], [9, 21], false, false],
    [[4, 1, 9, 17], [3, 9, 13], true, false],
    [[40, 30], [50, 40], true, true],
    [[5, 64], [7, 64], false, true],
    // Sizes in fours: the vec4 paths of the 'lanes' GEMM (software adapters).
    [[16, 24], [24, 36], false, false],
    [[24, 16], [24, 36], true, false],
    [[16, 24], [36, 24], false, true],
    [[2, 8, 16], [16, 12], false, false],
    [[40, 12], [132, 40], true, true],
    [[9, 20], [20, 300], false, false],
  ];
  for (const [a, b, ta, tb] of cases) {
    test(`[${a}] x [${b}] ${ta ? 'A^T' : ''}${tb ? 'B^T' : ''}`, async () => {
      await expectSame(
        [inp(a, 1), inp(b, 2)],
        withGrads((x, y) => ml.matmul(x, y, { transposeA: ta, transposeB: tb })),
      );
    });
  }
  test('vector operands', async () => {
    await expectSame([inp([7], 3), inp([7, 5], 4)], (x, y) => ml.matmul(x, y));
    await expectSame([inp([3, 7], 3), inp([7], 4)], (x, y) => ml.matmul(x, y));
  });
});

describe('conv2d and its gradients', () => {
  const cases: [string, number[], number[], ml.Conv2dOptions][] = [
    ['basic', [2, 3, 9, 8], [4, 3, 3, 3], {}],
    ['stride, same padding', [1, 4, 11, 10], [6, 4, 3, 2], { strides: 2, padding: 'same' }],
    [
      'dilation, explicit pads',
      [2, 2, 10, 9],
      [3, 2, 3, 3],
      {
        dilations: [2, 1],
        padding: [
          [1, 2],
          [0, 1],
        ],
      },
    ],
    ['groups', [1, 6, 7, 7], [9, 2, 3, 3], { groups: 3, padding: 1 }],
    ['depthwise', [2, 4, 6, 6], [4, 1, 3, 3], { groups: 4, strides: [1, 2], padding: 'same' }],
    ['NHWC / HWIO', [2, 8, 7, 3], [3, 3, 3, 5], { dataFormat: 'NHWC', strides: 2, padding: 1 }],
    [
      'NHWC / OIHW',
      [1, 6, 5, 4],
      [2, 4, 2, 2],
      { dataFormat: 'NHWC', filterFormat: 'OIHW', padding: 'same' },
    ],
    // Channels in fours: the vectorised conv2d paths of the 'lanes' GEMM.
    ['NHWC / HWIO, channels in fours', [2, 9, 8, 8], [3, 3, 8, 12], { dataFormat: 'NHWC', padding: 'same' }],
    ['NCHW / OIHW, channels in fours', [2, 8, 9, 8], [12, 8, 3, 3], { strides: [1, 2], padding: 'same' }],
    ['NCHW / HWIO, channels in fours', [1, 8, 6, 7], [3, 2, 8, 8], { filterFormat: 'HWIO' }],
    [
      'NHWC / OIHW, channels in fours',
      [1, 6, 5, 8],
      [6, 8, 2, 2],
      { dataFormat: 'NHWC', filterFormat: 'OIHW', padding: 'same', dilations: 2 },
    ],
    [
      'NHWC, groups of four channels',
      [1, 6, 6, 8],
      [3, 3, 4, 8],
      { dataFormat: 'NHWC', groups: 2, padding: 1 },
    ],
  ];
  for (const [name, xs, ws, opts] of cases) {
    test(name, async () => {
      await expectSame(
        [inp(xs, 5), inp(ws, 6)],
        withGrads((x, w) => ml.conv2d(x, w, opts)),
      );
    });
  }
  test('conv2dTranspose with output padding (dy shorter than the forward output)', async () => {
    await expectSame(
      [inp([1, 3, 4, 5], 7), inp([3, 2, 3, 3], 8)],
      withGrads((x, w) => ml.conv2dTranspose(x, w, { strides: 2, padding: 1, outputPadding: 1 })),
    );
  });
});

describe('GEMM strategies (both tile configurations on this adapter)', () => {
  registerWebGpuBackend('webgpu-shared-tiles', { tiles: 'gpu' });
  registerWebGpuBackend('webgpu-lanes-tiles', { tiles: 'cpu' });
  for (const backend of ['webgpu-shared-tiles', 'webgpu-lanes-tiles']) {
    test(`${backend}: matmul`, async () => {
      for (const [a, b, ta, tb] of [
        [[16, 24], [36, 24], false, true],
        [[24, 16], [24, 36], true, false],
        [[2, 7, 9], [9, 13], false, false],
      ] as [number[], number[], boolean, boolean][]) {
        await expectSame(
          [inp(a, 1), inp(b, 2)],
          withGrads((x, y) => ml.matmul(x, y, { transposeA: ta, transposeB: tb })),
          1e-4,
          1e-5,
          backend,
        );
      }
    });
    test(`${backend}: conv2d`, async () => {
      for (const [xs, ws, opts] of [
        [[2, 9, 8, 8], [3, 3, 8, 12], { dataFormat: 'NHWC', padding: 'same' }],
        [[2, 8, 9, 8], [12, 8, 3, 3], { strides: 2, padding: 'same' }],
        [[1, 3, 7, 6], [5, 3, 3, 2], { padding: 1 }],
      ] as [number[], number[], ml.Conv2dOptions][]) {
        await expectSame(
          [inp(xs, 5), inp(ws, 6)],
          withGrads((x, w) => ml.conv2d(x, w, opts)),
          1e-4,
          1e-5,
          backend,
        );
      }
    });
  }
});

describe('softmax family', () => {
  test('softmax and logSoftmax along each axis, short and long rows', async () => {
    for (const [shape, axis] of [
      [[4, 10], -1],
      [[3, 500], 1],
      [[6, 5, 4], 1],
      [[300, 3], 0],
    ] as [number[], number][]) {
      await expectSame(
        [inp(shape, 11)],
        withGrads((x) => ml.softmax(ml.mul(x, 20), axis)),
      );
      await expectSame(
        [inp(shape, 12)],
        withGrads((x) => ml.logSoftmax(ml.mul(x, 20), axis)),
      );
    }
  });
  test('saturation and -Infinity rows', async () => {
    await ml.setBackend('webgpu');
    const x = ml.tensor([
      [-300, 300, 0],
      [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
    ]);
    expectClose(Array.from(await ml.softmax(x).data()), [0, 1, 0, Number.NaN, Number.NaN, Number.NaN]);
    expectClose(Array.from(await ml.sigmoid(ml.tensor([-300, 300])).data()), [0, 1]);
  });
});

describe('pooling', () => {
  const cases: [string, number[], ml.MaxPool2dOptions & { countIncludePad?: boolean }][] = [
    ['2x2', [2, 3, 8, 8], { kernelSize: 2 }],
    ['3x3 stride 2 pad 1', [1, 2, 9, 7], { kernelSize: 3, strides: 2, padding: 1 }],
    ['ceil mode', [1, 2, 7, 7], { kernelSize: 2, strides: 2, ceilMode: true }],
    ['NHWC same', [2, 5, 6, 3], { kernelSize: [3, 2], padding: 'same', dataFormat: 'NHWC' }],
    ['count include pad', [1, 1, 5, 5], { kernelSize: 3, padding: 1, strides: 2, countIncludePad: true }],
  ];
  for (const [name, xs, opts] of cases) {
    test(name, async () => {
      const { countIncludePad, ...maxOpts } = opts;
      await expectSame(
        [inp(xs, 21)],
        withGrads((x) => ml.maxPool2d(x, maxOpts)),
      );
      await expectSame(
        [inp(xs, 22)],
        withGrads((x) => ml.avgPool2d(x, { ...maxOpts, countIncludePad })),
      );
    });
  }
  test('max pooling with dilation, ties and NaN', async () => {
    await expectSame(
      [inp([1, 2, 9, 9], 23)],
      withGrads((x) => ml.maxPool2d(x, { kernelSize: 3, dilations: 2 })),
    );
    const v = new Float32Array([1, 1, 1, 1, 2, 2, Number.NaN, 0, 5]);
    await expectSame([{ values: v, shape: [1, 1, 3, 3] }], (x) =>
      ml.maxPool2d(x, { kernelSize: 2, strides: 1 }),
    );
    await expectSame(
      [{ values: new Float32Array([1, 1, 1, 1, 2, 2, 3, 0, 5]), shape: [1, 1, 3, 3] }],
      withGrads((x) => ml.maxPool2d(x, { kernelSize: 2, strides: 1 })),
    );
  });
});

describe('reductions and statistics', () => {
  test('moments / batchNorm statistics', async () => {
    await expectSame([inp([4, 3, 5, 5], 31)], (x) => ml.moments(ml.add(x, 3), [0, 2, 3]));
    await expectSame([inp([300, 7], 32)], (x) => ml.moments(x, [0]));
  });
  test('mean, min, argMin', async () => {
    await expectSame([inp([5, 6, 7], 33)], (x) => [ml.reduceMean(x, [0, 2]), ml.min(x, 1), ml.argMin(x, 2)]);
    await expectSame([inp([2, 1000], 34)], (x) => [ml.reduceMean(x, 1), ml.min(x), ml.argMin(x, 1)]);
  });
  test('scatterAdd through the gather gradient', async () => {
    const idx = new Int32Array([2, 0, 2, -1, 1]);
    await expectSame([inp([4, 3], 35)], (x) => {
      const i = ml.tensor(idx);
      const { grads } = ml.vjp((a: ml.Tensor) => ml.gather(a, i, 0), [x], ml.tensor(rand(15, 3), [5, 3]));
      return grads[0];
    });
  });
});

describe('elementwise overrides', () => {
  test('neg, sub, minimum, square, relu, sigmoid, leakyRelu, elu, gelu', async () => {
    await expectSame([inp([100], 41), inp([100], 42)], (a, b) => [
      ml.neg(a),
      ml.sub(a, b),
      ml.minimum(a, b),
      ml.square(a),
      ml.relu(a),
      ml.sigmoid(ml.mul(a, 10)),
      ml.leakyRelu(a, 0.2),
      ml.elu(ml.mul(a, 5), 1.5),
      ml.gelu(ml.mul(a, 4)),
      ml.gelu(ml.mul(a, 4), { approximate: 'tanh' }),
    ]);
  });
});
