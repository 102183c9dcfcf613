// Optimizers against hand-computed steps (PyTorch's formulas): SGD with momentum, Nesterov, dampening
// and weight decay; Adam with and without L2 decay; AdamW's decoupled decay. State and old tensors freed.

import { dispose, jit, memory, mul, setBackend, sub, type Tensor, tensor } from '@libml/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { Adam, AdamW, Optimizer, type OptimizerState, type ParamTree, SGD } from '../src/index.js';
import { Holder, values } from './setup.js';

beforeAll(async () => {
  await setBackend('cpu');
});

/** Runs `opt` on `holder` with the given gradient sequence; returns w after each step. */
function run(holder: Holder, opt: Optimizer, grads: number[][]): number[][] {
  return grads.map((g) => {
    const gt = tensor(g, [g.length], 'float64');
    opt.step({ w: gt });
    gt.dispose();
    return values(holder.w);
  });
}

const close = (rows: number[][]) => rows.map((r) => r.map((v) => expect.closeTo(v, 12)));
const GRADS = [
  [0.5, -1],
  [0.2, 0.3],
  [-0.7, 0.1],
  [0.05, -0.4],
];

/** A scalar reference of PyTorch's SGD, written from its documentation. */
function sgdReference(
  p0: number[],
  grads: number[][],
  o: { lr: number; momentum: number; dampening: number; nesterov: boolean; wd: number },
): number[][] {
  const p = [...p0];
  const buf: (number | undefined)[] = p.map(() => undefined);
  return grads.map((g) =>
    p.map((_, i) => {
      let d = g[i] + o.wd * p[i];
      if (o.momentum !== 0) {
        buf[i] = buf[i] === undefined ? d : o.momentum * buf[i]! + (1 - o.dampening) * d;
        d = o.nesterov ? d + o.momentum * buf[i]! : buf[i]!;
      }
      p[i] -= o.lr * d;
      return p[i];
    }),
  );
}

/** A scalar reference of PyTorch's Adam / AdamW. */
function adamReference(
  p0: number[],
  grads: number[][],
  o: { lr: number; b1: number; b2: number; eps: number; wd: number; decoupled: boolean },
): number[][] {
  const p = [...p0];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  return grads.map((g, k) => {
    const t = k + 1;
    return p.map((_, i) => {
      let d = g[i];
      if (o.decoupled) p[i] *= 1 - o.lr * o.wd;
      else d += o.wd * p[i];
      m[i] = o.b1 * m[i] + (1 - o.b1) * d;
      v[i] = o.b2 * v[i] + (1 - o.b2) * d * d;
      const mh = m[i] / (1 - o.b1 ** t);
      const vh = v[i] / (1 - o.b2 ** t);
      p[i] -= (o.lr * mh) / (Math.sqrt(vh) + o.eps);
      return p[i];
    });
  });
}

describe('SGD', () => {
  test('plain: p - lr g', () => {
    const h = new Holder([1, 2]);
    expect(close(run(h, new SGD(h, { lr: 0.1 }), GRADS.slice(0, 2)))).toEqual([
      [0.95, 2.1],
      [0.93, 2.07],
    ]);
    h.dispose();
  });

  test('momentum 0.9: buf = g first, then 0.9 buf + g (hand-computed)', () => {
    const h = new Holder([1, 2]);
    const opt = new SGD(h, { lr: 0.1, momentum: 0.9 });
    // step 1: buf = [0.5, -1], p = [0.95, 2.1]; step 2: buf = [0.45 + 0.2, -0.9 + 0.3] = [0.65, -0.6]
    expect(close(run(h, opt, GRADS.slice(0, 2)))).toEqual([
      [0.95, 2.1],
      [0.885, 2.16],
    ]);
    expect(values(opt.stateOf('w')!.momentum)).toEqual([0.65, -0.6].map((v) => expect.closeTo(v, 12)));
    opt.dispose();
    h.dispose();
  });

  test('Nesterov: g + momentum buf (hand-computed)', () => {
    const h = new Holder([1, 2]);
    // step 1: buf = g = [0.5, -1], d = g + 0.9 buf = [0.95, -1.9], p = [0.905, 2.19]
    // step 2: buf = [0.65, -0.6], d = [0.2 + 0.585, 0.3 - 0.54] = [0.785, -0.24], p = [0.8265, 2.214]
    expect(close(run(h, new SGD(h, { lr: 0.1, momentum: 0.9, nesterov: true }), GRADS.slice(0, 2)))).toEqual([
      [0.905, 2.19],
      [0.8265, 2.214],
    ]);
    h.dispose();
  });

  test('weight decay: g + wd p (hand-computed)', () => {
    const h = new Holder([1, 2]);
    // step 1: d = [0.6, -0.8], p = [0.94, 2.08]; step 2: d = [0.294, 0.508], p = [0.9106, 2.0292]
    expect(close(run(h, new SGD(h, { lr: 0.1, weightDecay: 0.1 }), GRADS.slice(0, 2)))).toEqual([
      [0.94, 2.08],
      [0.9106, 2.0292],
    ]);
    h.dispose();
  });

  test('every option together matches the reference over several steps', () => {
    const o = { lr: 0.05, momentum: 0.8, dampening: 0.3, nesterov: false, wd: 0.01 };
    const h = new Holder([1, -2]);
    const opt = new SGD(h, { lr: o.lr, momentum: o.momentum, dampening: o.dampening, weightDecay: o.wd });
    expect(close(run(h, opt, GRADS))).toEqual(close(sgdReference([1, -2], GRADS, o)));
    opt.dispose();
    h.dispose();
    const n = { lr: 0.05, momentum: 0.8, dampening: 0, nesterov: true, wd: 0.01 };
    const h2 = new Holder([1, -2]);
    const opt2 = new SGD(h2, { lr: n.lr, momentum: n.momentum, nesterov: true, weightDecay: n.wd });
    expect(close(run(h2, opt2, GRADS))).toEqual(close(sgdReference([1, -2], GRADS, n)));
    opt2.dispose();
    h2.dispose();
    expect(() => new SGD(h2, { lr: 0.1, nesterov: true })).toThrow(/Nesterov/);
  });
});

describe('Adam and AdamW', () => {
  test('Adam: a constant gradient moves each parameter by about lr per step (hand-computed)', () => {
    const h = new Holder([1, 2]);
    // m_hat = g and v_hat = g^2 exactly, so the step is lr g / (|g| + eps)
    const r = run(h, new Adam(h, { lr: 0.1 }), [
      [0.5, -1],
      [0.5, -1],
    ]);
    const s1 = 0.1 * (0.5 / (0.5 + 1e-8));
    const s2 = 0.1 * (1 / (1 + 1e-8));
    expect(r).toEqual(
      close([
        [1 - s1, 2 + s2],
        [1 - 2 * s1, 2 + 2 * s2],
      ]),
    );
    h.dispose();
  });

  test('Adam: first step from m = (1 - b1) g, v = (1 - b2) g^2 with bias correction', () => {
    const h = new Holder([0]);
    const opt = new Adam(h, { lr: 1, betas: [0.5, 0.75], eps: 0.1 });
    run(h, opt, [[2]]);
    // m = 1, v = 1, m_hat = 2, v_hat = 4: p = 0 - 2 / (2 + 0.1)
    expect(values(h.w)[0]).toBeCloseTo(-2 / 2.1, 12);
    expect(values(opt.stateOf('w')!.m)).toEqual([1]);
    expect(values(opt.stateOf('w')!.v)).toEqual([1]);
    // second step, g = 1: m = 1, v = 1, m_hat = 1 / 0.75, v_hat = 1 / (1 - 0.5625)
    run(h, opt, [[1]]);
    const expected = -2 / 2.1 - 1 / 0.75 / (Math.sqrt(1 / 0.4375) + 0.1);
    expect(values(h.w)[0]).toBeCloseTo(expected, 12);
    opt.dispose();
    h.dispose();
  });

  test('Adam with L2 weight decay matches the reference', () => {
    const o = { lr: 0.01, b1: 0.9, b2: 0.999, eps: 1e-8, wd: 0.1, decoupled: false };
    const h = new Holder([1, -2]);
    expect(close(run(h, new Adam(h, { lr: o.lr, weightDecay: o.wd }), GRADS))).toEqual(
      close(adamReference([1, -2], GRADS, o)),
    );
    h.dispose();
  });

  test('AdamW: p (1 - lr wd) before the Adam step (hand-computed), default decay 0.01', () => {
    const h = new Holder([1]);
    const opt = new AdamW(h, { lr: 0.1, weightDecay: 0.1 });
    run(h, opt, [[0.5], [0.5]]);
    const s = 0.1 * (0.5 / (0.5 + 1e-8));
    expect(values(h.w)[0]).toBeCloseTo((1 * 0.99 - s) * 0.99 - s, 12);
    expect(new AdamW(h).weightDecay).toBe(0.01);
    const o = { lr: 0.01, b1: 0.8, b2: 0.99, eps: 1e-6, wd: 0.05, decoupled: true };
    const h2 = new Holder([1, -2]);
    const opt2 = new AdamW(h2, { lr: o.lr, betas: [o.b1, o.b2], eps: o.eps, weightDecay: o.wd });
    expect(close(run(h2, opt2, GRADS))).toEqual(close(adamReference([1, -2], GRADS, o)));
    opt.dispose();
    opt2.dispose();
    h.dispose();
    h2.dispose();
  });
});

describe('in-place stepping', () => {
  test('replaces the module tensors, frees the old ones and old state, skips missing gradients', () => {
    const h = new Holder([1, 2]);
    const opt = new Adam(h, { lr: 0.1 });
    const g = tensor([0.5, -1], [2], 'float64');
    opt.step({ w: g });
    const before = memory().numTensors;
    const w1 = h.w;
    const m1 = opt.stateOf('w')!.m as Tensor;
    for (let i = 0; i < 5; i++) opt.step({ w: g });
    expect(memory().numTensors).toBe(before);
    expect(w1.isDisposed).toBe(true);
    expect(m1.isDisposed).toBe(true);
    expect(g.isDisposed).toBe(false);
    const w = h.w;
    opt.step({});
    expect(h.w).toBe(w);
    expect(() => opt.step({ w: tensor([1, 2, 3], [3], 'float64') })).toThrow(/gradient of 'w'/);
    opt.dispose();
    g.dispose();
    h.dispose();
  });

  test('the learning rate can change between steps', () => {
    const h = new Holder([1]);
    const opt = new SGD(h, { lr: 0.1 });
    run(h, opt, [[1]]);
    opt.lr = 0.01;
    run(h, opt, [[1]]);
    expect(values(h.w)[0]).toBeCloseTo(0.89, 12);
    h.dispose();
  });
});

describe('functional step (initState / applyGradients)', () => {
  const optimizers: [string, (h: Holder) => Optimizer][] = [
    ['SGD', (h) => new SGD(h, { lr: 0.1 })],
    [
      'SGD momentum, dampening, decay',
      (h) => new SGD(h, { lr: 0.1, momentum: 0.9, dampening: 0.3, weightDecay: 0.01 }),
    ],
    ['SGD Nesterov', (h) => new SGD(h, { lr: 0.1, momentum: 0.8, nesterov: true })],
    ['Adam', (h) => new Adam(h, { lr: 0.01, weightDecay: 0.1 })],
    ['AdamW', (h) => new AdamW(h, { lr: 0.01 })],
  ];
  for (const [name, make] of optimizers) {
    test(`${name}: the same steps as step(), nothing changed in place, nothing leaked`, () => {
      const inPlace = new Holder([1, -2]);
      const expected = run(inPlace, make(inPlace), GRADS);
      const holder = new Holder([1, -2]);
      const opt = make(holder);
      const before = memory().numTensors;
      let params = { w: holder.w };
      let state = opt.initState(params);
      const got: number[][] = [];
      for (const g of GRADS) {
        const grads = { w: tensor(g, [g.length], 'float64') };
        const next = opt.applyGradients(params, grads, state);
        grads.w.dispose();
        if (params.w !== holder.w) params.w.dispose();
        dispose(state);
        params = next.params;
        state = next.state;
        got.push(values(params.w));
      }
      expect(got).toEqual(expected.map((r) => r.map((v) => expect.closeTo(v, 12))));
      expect(values(holder.w)).toEqual([1, -2]);
      expect(opt.stepCount).toBe(0);
      expect(values(state.step)).toEqual([GRADS.length]);
      holder.assign(params);
      expect(values(holder.w)).toEqual(got[got.length - 1]);
      dispose(state);
      expect(memory().numTensors).toBe(before);
    });
  }

  test('under jit one compiled step serves every step (the step count is a tensor)', () => {
    const holder = new Holder([1, -2], 'float32');
    const opt = new Adam(holder, { lr: 0.01 });
    const step = jit((p: { w: Tensor }, g: { w: Tensor }, s: OptimizerState) => opt.applyGradients(p, g, s));
    let eager = { params: { w: holder.w } as ParamTree, state: opt.initState({ w: holder.w }) };
    let compiled = { params: { w: holder.w } as ParamTree, state: opt.initState({ w: holder.w }) };
    for (const g of GRADS) {
      const grads = { w: tensor(g, [g.length]) };
      eager = opt.applyGradients(eager.params, grads, eager.state);
      compiled = step(compiled.params as { w: Tensor }, grads, compiled.state);
      expect(values(compiled.params.w as Tensor)).toEqual(
        values(eager.params.w as Tensor).map((v) => expect.closeTo(v, 6)),
      );
    }
    expect(step.cacheSize).toBe(1);
    step.dispose();
  });

  test('a parameter without a gradient comes back unchanged, as new handles: disposing the old state is safe', () => {
    const holder = new Holder([1, -2], 'float32');
    const opt = new Adam(holder, { lr: 0.1 });
    const frozen = tensor([5, 6]);
    const params = { w: holder.w, frozen };
    const state = opt.initState(params);
    const r = opt.applyGradients(params, { w: tensor([1, 1]) }, state);
    expect(r.params.frozen).not.toBe(frozen);
    expect(r.state.slots.frozen.m).not.toBe(state.slots.frozen.m);
    dispose(state);
    frozen.dispose();
    expect(values(r.params.frozen)).toEqual([5, 6]);
    expect(values(r.state.slots.frozen.m)).toEqual([0, 0]);
    // The next step runs on the new state alone.
    const again = opt.applyGradients(r.params, { w: tensor([1, 1]) }, r.state);
    expect(values(again.state.step)).toEqual([2]);
    expect(() => opt.applyGradients(r.params, { typo: tensor([1, 1]) }, r.state)).toThrow(
      /gradients for no parameter \[typo\]/,
    );
  });

  test('mixed float32 and float64 parameters keep their dtypes (the step count is float64)', () => {
    const holder = new Holder([1, -2], 'float32');
    const opt = new Adam(holder, { lr: 0.1 });
    const params = { w: holder.w, d: tensor([1, 2], [2], 'float64') };
    const state = opt.initState(params);
    expect(state.step.dtype).toBe('float64');
    const r = opt.applyGradients(params, { w: tensor([1, 1]), d: tensor([1, 1], [2], 'float64') }, state);
    expect(r.params.w.dtype).toBe('float32');
    expect(r.params.d.dtype).toBe('float64');
    holder.assign({ w: r.params.w });
    expect(values(holder.w)).toEqual([expect.closeTo(0.9, 5), expect.closeTo(-2.1, 5)]);
  });

  test('the learning rate is part of the state: a schedule under jit needs no new compile', () => {
    const holder = new Holder([1, -2], 'float32');
    const opt = new SGD(holder, { lr: 0.1 });
    const step = jit((p: { w: Tensor }, g: { w: Tensor }, s: OptimizerState) => opt.applyGradients(p, g, s));
    let params = { w: holder.w };
    let state = opt.initState(params);
    const g = { w: tensor([1, 1]) };
    const moved: number[] = [];
    for (const lr of [0.1, 0.1, 1, 0.5]) {
      state = opt.withLearningRate(state, lr);
      const r = step(params, g, state);
      moved.push(values(params.w)[0] - values(r.params.w)[0]);
      params = r.params;
      state = r.state;
    }
    expect(moved).toEqual([0.1, 0.1, 1, 0.5].map((v) => expect.closeTo(v, 6)));
    expect(step.cacheSize).toBe(1);
    step.dispose();
  });

  test('an optimizer without a functional rule says so', () => {
    // A user's optimizer written before applyGradients existed: step() only.
    class Plain extends Optimizer {
      protected update(p: Tensor, g: Tensor) {
        return { param: sub(p, mul(g, this.lr)), state: {} };
      }
    }
    const holder = new Holder([1], 'float32');
    const opt = new Plain(holder, 0.1);
    opt.step({ w: tensor([1]) });
    expect(values(holder.w)).toEqual([expect.closeTo(0.9, 6)]);
    expect(() =>
      opt.applyGradients({ w: holder.w }, { w: tensor([1]) }, opt.initState({ w: holder.w })),
    ).toThrow(/Plain overrides update\(\) but not functionalUpdate\(\)/);
  });

  test("a subclass of a built-in that changes only update() is refused, not silently trained with the parent's rule", () => {
    class ClippedSGD extends SGD {
      protected override update(p: Tensor, g: Tensor, state: Record<string, Tensor>, t: number) {
        return super.update(p, mul(g, 0.01), state, t);
      }
    }
    const holder = new Holder([1], 'float32');
    const opt = new ClippedSGD(holder, { lr: 1 });
    expect(() =>
      opt.applyGradients({ w: holder.w }, { w: tensor([5]) }, opt.initState({ w: holder.w })),
    ).toThrow(/ClippedSGD overrides update\(\) but not functionalUpdate\(\)/);
  });

  test('a rule that hands back a tensor it was given still yields a state of its own', () => {
    // Keeps a constant slot `c` and returns it unchanged.
    class Keeper extends SGD {
      protected override initialState(p: Tensor) {
        return { c: mul(p, 0) };
      }
      protected override functionalUpdate(p: Tensor, g: Tensor, state: Record<string, Tensor>) {
        return { param: sub(p, g), state: { c: state.c } };
      }
      protected override update(p: Tensor, g: Tensor) {
        return { param: sub(p, g), state: {} };
      }
    }
    const holder = new Holder([1, 2], 'float32');
    const opt = new Keeper(holder, { lr: 1 });
    const before = memory().numTensors;
    const st = opt.initState({ w: holder.w });
    const g = tensor([1, 1]);
    const r = opt.applyGradients({ w: holder.w }, { w: g }, st);
    expect(r.state.slots.w.c).not.toBe(st.slots.w.c);
    dispose([st, g]);
    expect(values(r.state.slots.w.c)).toEqual([0, 0]);
    dispose(r);
    expect(memory().numTensors).toBe(before);
  });

  test('withLearningRate: a new lr of the state dtype, the old one freed', () => {
    const holder = new Holder([1, -2]);
    const opt = new SGD(holder, { lr: 0.1 });
    const before = memory().numTensors;
    const st = opt.initState({ w: holder.w });
    const next = opt.withLearningRate(st, 0.5);
    expect(st.lr.isDisposed).toBe(true);
    expect(next.lr.dtype).toBe('float64');
    expect(values(next.lr)).toEqual([0.5]);
    expect(() => opt.withLearningRate(next, -1)).toThrow(RangeError);
    dispose(next);
    expect(memory().numTensors).toBe(before);
  });

  test('a gradient of the wrong shape, or a parameter without state, is a ModuleError', () => {
    const holder = new Holder([1, -2]);
    const opt = new Adam(holder);
    const state = opt.initState({ w: holder.w });
    expect(() =>
      opt.applyGradients({ w: holder.w }, { w: tensor([1, 2, 3], [3], 'float64') }, state),
    ).toThrow(/applyGradients: gradient of 'w' is \[3\], parameter is \[2\]/);
    expect(() =>
      opt.applyGradients({ w: holder.w }, { w: tensor([1, 2], [2], 'float64') }, { ...state, slots: {} }),
    ).toThrow(/no state for 'w'/);
  });
});
