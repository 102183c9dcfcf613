// Each layer's output shape and a known value; BatchNorm in train and eval mode; dropout's seeding.

import {
  arange,
  jit,
  memory,
  mul,
  randomNormal,
  reshape,
  setBackend,
  sum,
  type Tensor,
  TraceError,
  tensor,
  tidy,
  valueAndGrad,
} from '@libml/core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  AvgPool2d,
  BatchNorm,
  Conv2d,
  Dropout,
  Flatten,
  GELU,
  Linear,
  MaxPool2d,
  type ParamTree,
  ReLU,
  Sequential,
} from '../src/index.js';
import { values } from './setup.js';

beforeAll(async () => {
  await setBackend('cpu');
});

const grid = (n: number, c = 1, h = 4, w = 4): Tensor =>
  reshape(arange(0, n * c * h * w, 1, 'float32'), [n, c, h, w]);

describe('Linear', () => {
  test('y = x W^T + b with W [out, in]', () => {
    const l = new Linear(2, 3, { seed: 1 });
    expect(l.parameters().weight).toBeDefined();
    l.loadStateDict({
      weight: tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      bias: tensor([1, 0, -1]),
    });
    const y = l.forward(
      tensor([
        [1, 1],
        [0, 1],
      ]),
    );
    expect(y.shape).toEqual([2, 3]);
    expect(values(y)).toEqual([4, 7, 10, 3, 4, 5]);
    l.dispose();
  });

  test('without bias, and on a batch of sequences (leading axes broadcast)', () => {
    const l = new Linear(4, 5, { bias: false, seed: 2 });
    expect(Object.keys(l.parameters())).toEqual(['weight']);
    expect(l.forward(tensor(new Float32Array(2 * 3 * 4), [2, 3, 4])).shape).toEqual([2, 3, 5]);
    l.dispose();
  });
});

describe('Conv2d', () => {
  test('a 2x2 ones filter sums windows; the bias adds per channel', () => {
    const c = new Conv2d(1, 2, 2, { seed: 3 });
    c.loadStateDict({ weight: tensor(new Float32Array(8).fill(1), [2, 1, 2, 2]), bias: tensor([0, 100]) });
    const y = c.forward(grid(1, 1, 3, 3));
    expect(y.shape).toEqual([1, 2, 2, 2]);
    expect(values(y)).toEqual([8, 12, 20, 24, 108, 112, 120, 124]);
    c.dispose();
  });

  test('every core conv2d option: strides, padding, dilations, groups, NHWC with HWIO', () => {
    const x = tensor(new Float32Array(2 * 4 * 9 * 9), [2, 4, 9, 9]);
    const shapes: [Conv2d, number[]][] = [
      [new Conv2d(4, 8, 3, { seed: 1 }), [2, 8, 7, 7]],
      [new Conv2d(4, 8, 3, { padding: 'same', seed: 1 }), [2, 8, 9, 9]],
      [new Conv2d(4, 8, 3, { strides: 2, padding: 1, seed: 1 }), [2, 8, 5, 5]],
      [new Conv2d(4, 8, [3, 1], { dilations: [2, 1], seed: 1 }), [2, 8, 5, 9]],
      [
        new Conv2d(4, 8, 3, {
          groups: 2,
          padding: [
            [1, 1],
            [0, 0],
          ],
          seed: 1,
        }),
        [2, 8, 9, 7],
      ],
      [new Conv2d(4, 4, 3, { groups: 4, bias: false, seed: 1 }), [2, 4, 7, 7]],
    ];
    for (const [c, shape] of shapes) {
      expect(c.forward(x).shape).toEqual(shape);
      c.dispose();
    }
    const g = new Conv2d(4, 8, 3, { groups: 2, seed: 1 });
    expect(g.namedParameters().map(([n, t]) => [n, t.shape])).toEqual([
      ['weight', [8, 2, 3, 3]],
      ['bias', [8]],
    ]);
    g.dispose();
    const nhwc = new Conv2d(4, 6, 3, { dataFormat: 'NHWC', padding: 'same', seed: 1 });
    expect(nhwc.parameters().weight).toHaveProperty('shape', [3, 3, 4, 6]);
    expect(nhwc.forward(tensor(new Float32Array(2 * 5 * 5 * 4), [2, 5, 5, 4])).shape).toEqual([2, 5, 5, 6]);
    nhwc.dispose();
    expect(() => new Conv2d(4, 6, 3, { groups: 4 })).toThrow(/groups/);
  });
});

describe('activations, pooling, flatten', () => {
  test('ReLU and GELU', () => {
    expect(values(new ReLU().forward(tensor([-1, 0, 2])))).toEqual([0, 0, 2]);
    const g = values(new GELU().forward(tensor([-1, 0, 1])));
    expect(g[0]).toBeCloseTo(-0.158655, 5);
    expect(g[1]).toBe(0);
    expect(g[2]).toBeCloseTo(0.841345, 5);
    expect(values(new GELU({ approximate: 'tanh' }).forward(tensor([1])))[0]).toBeCloseTo(0.841192, 5);
  });

  test('MaxPool2d and AvgPool2d', () => {
    const x = grid(1);
    const mp = new MaxPool2d(2).forward(x);
    expect(mp.shape).toEqual([1, 1, 2, 2]);
    expect(values(mp)).toEqual([5, 7, 13, 15]);
    expect(values(new AvgPool2d(2).forward(x))).toEqual([2.5, 4.5, 10.5, 12.5]);
    expect(new MaxPool2d(3, { strides: 1, padding: 1 }).forward(x).shape).toEqual([1, 1, 4, 4]);
    expect(new AvgPool2d(3, { strides: 2, ceilMode: true }).forward(x).shape).toEqual([1, 1, 2, 2]);
  });

  test('Flatten keeps the batch axis', () => {
    const y = new Flatten().forward(grid(2, 3));
    expect(y.shape).toEqual([2, 48]);
    expect(values(y).slice(0, 3)).toEqual([0, 1, 2]);
    expect(new Flatten(2).forward(grid(2, 3)).shape).toEqual([2, 3, 16]);
  });
});

describe('BatchNorm', () => {
  const x = () =>
    tensor([
      [1, 10],
      [3, 20],
      [5, 60],
      [7, 30],
    ]);

  test('train mode: batch statistics, running statistics updated (PyTorch momentum, unbiased var)', () => {
    const bn = new BatchNorm(2);
    const y = values(bn.forward(x()));
    // column 0: mean 4, biased var 5; column 1: mean 30, biased var 350.
    expect(y[0]).toBeCloseTo(-3 / Math.sqrt(5 + 1e-5), 5);
    expect(y[1]).toBeCloseTo(-20 / Math.sqrt(350 + 1e-5), 5);
    const [rm, rv] = [bn.buffers().running_mean as Tensor, bn.buffers().running_var as Tensor];
    expect(values(rm)).toEqual([0.4, 3].map((v) => expect.closeTo(v, 5)));
    expect(values(rv)).toEqual(
      [0.9 + 0.1 * (20 / 3), 0.9 + 0.1 * (1400 / 3)].map((v) => expect.closeTo(v, 4)),
    );
    bn.dispose();
  });

  test('eval mode normalises with the running statistics and leaves them alone', () => {
    const bn = new BatchNorm(2);
    bn.loadStateDict({
      weight: tensor([2, 1]),
      bias: tensor([0, 1]),
      running_mean: tensor([1, 10]),
      running_var: tensor([4, 100]),
    });
    bn.eval();
    const y = values(bn.forward(x()));
    expect(y[0]).toBeCloseTo((2 * 0) / Math.sqrt(4 + 1e-5), 5);
    expect(y[2]).toBeCloseTo((2 * 2) / Math.sqrt(4 + 1e-5), 5);
    expect(y[3]).toBeCloseTo(10 / Math.sqrt(100 + 1e-5) + 1, 5);
    expect(values(bn.buffers().running_mean as Tensor)).toEqual([1, 10]);
    bn.dispose();
  });

  test('NCHW images: features on axis 1; NHWC: the last axis; the old statistics are freed', () => {
    const bn = new BatchNorm(3);
    const nhwc = new BatchNorm(3, { dataFormat: 'NHWC' });
    const img = grid(2, 3);
    expect(bn.forward(img).shape).toEqual([2, 3, 4, 4]);
    const before = memory().numTensors;
    for (let i = 0; i < 3; i++) tidy(() => void bn.forward(img));
    expect(memory().numTensors).toBe(before);
    expect(nhwc.forward(tensor(new Float32Array(2 * 4 * 4 * 3), [2, 4, 4, 3])).shape).toEqual([2, 4, 4, 3]);
    // running mean of channel c after 4 updates toward its batch mean (16 c + 31.5 over both images)
    const means = [0, 1, 2].map((c) => 16 * c + 31.5);
    const expected = means.map((m) => m * (1 - 0.9 ** 4));
    expect(values(bn.buffers().running_mean as Tensor)).toEqual(expected.map((v) => expect.closeTo(v, 4)));
    bn.dispose();
    nhwc.dispose();
  });

  test('gradients reach weight and bias through apply(); running statistics get none', () => {
    const bn = new BatchNorm(2);
    const w = tensor([
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 2],
    ]);
    const loss = (p: ParamTree) => sum(mul(bn.apply(p, x()), w));
    const { grads } = valueAndGrad(loss)(bn.parameters());
    const g = grads as { weight: Tensor; bias: Tensor };
    expect(Object.keys(g)).toEqual(['weight', 'bias']);
    expect(values(g.bias)).toEqual([1, 2]);
    expect(values(g.weight)).toEqual([-3 / Math.sqrt(5 + 1e-5), 0].map((v) => expect.closeTo(v, 5)));
    bn.dispose();
  });
});

describe('Dropout', () => {
  test('eval mode is the identity; rate 0 too', () => {
    const x = tensor([1, 2, 3]);
    const d = new Dropout(0.5, { seed: 1 }).eval();
    expect(d.forward(x)).toBe(x);
    expect(new Dropout(0).forward(x)).toBe(x);
  });

  test('reproducible per step for a seed, different across steps, scaled by 1 / (1 - rate)', () => {
    const x = tensor(new Float32Array(4000).fill(1), [40, 100]);
    const a = new Dropout(0.25, { seed: 7 });
    const b = new Dropout(0.25, { seed: 7 });
    const a1 = values(a.forward(x));
    const a2 = values(a.forward(x));
    expect(values(b.forward(x))).toEqual(a1);
    expect(values(b.forward(x))).toEqual(a2);
    expect(a2).not.toEqual(a1);
    expect(new Set(a1)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    const kept = a1.filter((v) => v !== 0).length / a1.length;
    expect(kept).toBeGreaterThan(0.72);
    expect(kept).toBeLessThan(0.78);
    // mean preserved in expectation
    expect(a1.reduce((s, v) => s + v, 0) / a1.length).toBeCloseTo(1, 1);
    a.step = 0;
    expect(values(a.forward(x))).toEqual(a1);
    expect(() => new Dropout(1)).toThrow(RangeError);
  });
});

describe('Sequential and Module', () => {
  test('parameters nest by child index; parameter-less children are omitted', () => {
    const m = new Sequential(new Linear(4, 8, { seed: 1 }), new ReLU(), new Linear(8, 2, { seed: 2 }));
    const tree = m.parameters();
    expect(Object.keys(tree)).toEqual(['0', '2']);
    expect(m.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(m.numParameters()).toBe(4 * 8 + 8 + 8 * 2 + 2);
    expect(m.forward(tensor(new Float32Array(12), [3, 4])).shape).toEqual([3, 2]);
    m.eval();
    expect(m.layers.every((l) => !l.training)).toBe(true);
    m.train();
    expect(m.layers.every((l) => l.training)).toBe(true);
    m.dispose();
    expect(m.namedParameters().every(([, t]) => t.isDisposed)).toBe(true);
  });

  test('apply(params, x) uses the given tree (valueAndGrad substitutes it) and falls back to own', () => {
    const m = new Sequential(new Linear(2, 1, { seed: 1 }));
    m.loadStateDict({ '0.weight': tensor([[1, 2]]), '0.bias': tensor([0.5]) });
    const x = tensor([[1, 1]]);
    expect(values(m.forward(x))).toEqual([3.5]);
    expect(values(m.apply({ '0': { weight: tensor([[0, 1]]) } }, x))).toEqual([1.5]);
    const { value, grads } = valueAndGrad((p: ReturnType<typeof m.parameters>) => reshape(m.apply(p, x), []))(
      m.parameters(),
    );
    expect(values(value)).toEqual([3.5]);
    const g = grads as { '0': { weight: Tensor; bias: Tensor } };
    expect(values(g['0'].weight)).toEqual([1, 1]);
    expect(values(g['0'].bias)).toEqual([1]);
    // after apply the module reads its own parameters again
    expect(values(m.forward(x))).toEqual([3.5]);
    m.dispose();
  });

  test('loadStateDict checks names, shapes and dtypes before replacing anything', () => {
    const l = new Linear(2, 1, { seed: 1 });
    const w = l.parameters().weight;
    expect(() => l.loadStateDict({ weight: tensor([[1, 2]]) })).toThrow(/missing \[bias\]/);
    expect(() => l.loadStateDict({ weight: tensor([[1, 2, 3]]), bias: tensor([0]) })).toThrow(/weight/);
    expect(() =>
      l.loadStateDict({ weight: tensor([[1, 2]], undefined, 'float64'), bias: tensor([0]) }),
    ).toThrow(/float32/);
    expect(l.parameters().weight).toBe(w);
    expect(w.isDisposed).toBe(false);
    l.loadStateDict({ weight: tensor([[1, 2]]) }, { strict: false });
    expect(w.isDisposed).toBe(true);
    l.dispose();
  });
});

describe('layers under jit', () => {
  test('eval-mode forward with parameters as arguments replays; a training-mode buffer update is a TraceError', () => {
    const model = new Sequential(new Linear(3, 4, { seed: 1 }), new BatchNorm(4), new ReLU());
    const x = randomNormal([5, 3], 0, 1, { seed: 2 });
    model.eval();
    const forward = jit((p: ParamTree, input: Tensor) => model.apply(p, input));
    forward(model.parameters(), x);
    const replayed = forward(model.parameters(), x);
    expect(Array.from(replayed.dataSync())).toEqual(Array.from(model.forward(x).dataSync()));
    forward.dispose();
    model.train();
    const training = jit((p: ParamTree, input: Tensor) => model.apply(p, input));
    expect(() => training(model.parameters(), x)).toThrow(TraceError);
    expect(() => training(model.parameters(), x)).toThrow(/running_mean/);
  });
});
