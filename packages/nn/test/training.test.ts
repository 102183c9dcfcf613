// End to end: a small CNN with every kind of layer trains (loss falls) with memory flat across steps,
// and "train on backend A, save, load into a fresh model on backend B, same predictions" for every pair
// of the backends listed in BACKENDS (only cpu today; add 'wasm' and 'webgpu' when their packages exist).

import {
  dispose,
  jit,
  memory,
  setBackend,
  softmaxCrossEntropy,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
  valueAndGradWithAux,
} from '@libml/core';
import { describe, expect, test } from 'vitest';
import {
  Adam,
  BatchNorm,
  Conv2d,
  Dropout,
  Flatten,
  GELU,
  Linear,
  loadModel,
  MaxPool2d,
  type OptimizerState,
  type ParamTree,
  ReLU,
  Sequential,
  saveModel,
} from '../src/index.js';
import { values } from './setup.js';

/** Backends the save/load test crosses (train on one, restore on each). */
const BACKENDS = ['cpu'];

function makeModel(seed: number): Sequential {
  return new Sequential(
    new Conv2d(1, 4, 3, { padding: 1, seed }),
    new BatchNorm(4),
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Dropout(0.2, { seed }),
    new Linear(4 * 4 * 4, 16, { seed: seed + 1 }),
    new GELU(),
    new Linear(16, 3, { seed: seed + 2 }),
  );
}

/** A fixed toy batch: 12 8x8 images, 3 classes by which third of the image is bright. */
function batch(): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(12 * 64);
  const y = new Int32Array(12);
  for (let i = 0; i < 12; i++) {
    y[i] = i % 3;
    for (let p = 0; p < 64; p++)
      x[i * 64 + p] = Math.floor((p % 8) / 3) === y[i] ? 1 : ((i * 7 + p) % 5) / 10;
  }
  return { x, y };
}

function train(model: Sequential, steps: number): number[] {
  const opt = new Adam(model, { lr: 1e-2 });
  const { x, y } = batch();
  const step = valueAndGrad((p: ParamTree, xb: Tensor, yb: Tensor) =>
    softmaxCrossEntropy(model.apply(p, xb), yb),
  );
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    tidy(() => {
      const { value, grads } = step(model.parameters(), tensor(x, [12, 1, 8, 8]), tensor(y, [12], 'int32'));
      losses.push(values(value)[0]);
      opt.step(grads);
    });
  }
  opt.dispose();
  return losses;
}

describe('training', () => {
  test('a few steps lower the loss and leave memory().numTensors flat', async () => {
    await setBackend('cpu');
    const model = makeModel(1);
    const start = memory().numTensors;
    const opt = new Adam(model, { lr: 1e-2 });
    const { x, y } = batch();
    const step = valueAndGrad((p: ParamTree, xb: Tensor, yb: Tensor) =>
      softmaxCrossEntropy(model.apply(p, xb), yb),
    );
    const counts: number[] = [];
    const losses: number[] = [];
    for (let i = 0; i < 6; i++) {
      tidy(() => {
        const { value, grads } = step(model.parameters(), tensor(x, [12, 1, 8, 8]), tensor(y, [12], 'int32'));
        losses.push(values(value)[0]);
        opt.step(grads);
      });
      counts.push(memory().numTensors);
    }
    // after the first step the optimizer holds its state (m and v per parameter); then nothing grows
    expect(counts[0]).toBe(start + 2 * model.namedParameters().length);
    expect(new Set(counts).size).toBe(1);
    expect(losses[5]).toBeLessThan(losses[0]);
    tidy(() => void model.eval().forward(tensor(x, [12, 1, 8, 8])));
    expect(memory().numTensors).toBe(counts[0]);
    opt.dispose();
    model.dispose();
    expect(memory().numTensors).toBe(start - model.namedParameters().length - model.namedBuffers().length);
  });

  for (const from of BACKENDS) {
    for (const to of BACKENDS) {
      test(`train on ${from}, save, load into a fresh model on ${to}: same predictions`, async () => {
        await setBackend(from);
        const model = makeModel(1);
        train(model, 5);
        model.eval();
        const { x } = batch();
        const before = tidy(() => values(model.forward(tensor(x, [12, 1, 8, 8]))));
        const bytes = await saveModel(model, { note: 'test' });
        model.dispose();

        await setBackend(to);
        const fresh = makeModel(99).eval();
        const other = tidy(() => values(fresh.forward(tensor(x, [12, 1, 8, 8]))));
        expect(other).not.toEqual(before);
        const live = memory().numTensors;
        expect(loadModel(fresh, bytes)).toEqual({ note: 'test' });
        expect(memory().numTensors).toBe(live);
        expect(fresh.namedParameters().every(([, t]) => t.backend === to)).toBe(true);
        const after = tidy(() => values(fresh.forward(tensor(x, [12, 1, 8, 8]))));
        if (from === to) expect(after).toEqual(before);
        else expect(after).toEqual(before.map((v) => expect.closeTo(v, 4)));
        fresh.dispose();
      });
    }
  }

  test('loading a file that does not fit the model fails cleanly', async () => {
    await setBackend('cpu');
    const small = new Linear(2, 2, { seed: 1 });
    const bytes = await saveModel(small);
    const model = makeModel(1);
    const live = memory().numTensors;
    expect(() => loadModel(model, bytes)).toThrow(/missing/);
    expect(memory().numTensors).toBe(live);
    const l = new Linear(2, 3, { seed: 1 });
    expect(() => loadModel(l, bytes)).toThrow(/is float32 \[3\], got float32 \[2\]/);
    small.dispose();
    model.dispose();
    l.dispose();
  });
});

describe('functional training step', () => {
  // No conv bias (batchNorm follows): its gradient is rounding noise, which Adam would scale up to lr-sized
  // steps of random sign, different for every order of float32 sums.
  const model = (seed: number) =>
    new Sequential(
      new Conv2d(1, 4, 3, { padding: 1, bias: false, seed }),
      new BatchNorm(4),
      new ReLU(),
      new MaxPool2d(2),
      new Flatten(),
      new Linear(4 * 4 * 4, 3, { seed: seed + 1 }),
    );

  test('applyFunctional returns the new batchNorm statistics and leaves the module as it was', () => {
    const m = model(3);
    const { x } = batch();
    const before = values(m.stateDict()['1.running_mean']);
    const { output, buffers } = tidy(() =>
      m.applyFunctional(m.parameters(), m.buffers(), tensor(x, [12, 1, 8, 8])),
    );
    expect(Object.keys(buffers)).toEqual(['1']);
    const updated = buffers['1'] as { running_mean: Tensor; running_var: Tensor };
    expect(values(m.stateDict()['1.running_mean'])).toEqual(before);
    // The same forward with apply() writes the same statistics into the module.
    const direct = tidy(() => m.apply(m.parameters(), tensor(x, [12, 1, 8, 8])));
    expect(values(output)).toEqual(values(direct));
    expect(values(updated.running_mean)).toEqual(values(m.stateDict()['1.running_mean']));
    expect(values(updated.running_var)).toEqual(values(m.stateDict()['1.running_var']));
    m.dispose();
  });

  test('assign: replaces what it names, keeps the rest; unknown names and other shapes or dtypes are errors', () => {
    const m = model(4);
    const before = values(m.stateDict()['5.bias']);
    const w = tensor(new Float32Array(4 * 9).fill(0.5), [4, 1, 3, 3]);
    m.assign({ 0: { weight: w }, 1: { running_mean: tensor([1, 2, 3, 4]) } });
    expect(values(m.stateDict()['0.weight'])).toEqual(new Array(36).fill(0.5));
    expect(values(m.stateDict()['1.running_mean'])).toEqual([1, 2, 3, 4]);
    expect(values(m.stateDict()['5.bias'])).toEqual(before);
    expect(() => m.assign({ 0: { wieght: tensor([1]) } })).toThrow(
      /assign: no parameter or buffer \[0.wieght\]/,
    );
    expect(() => m.assign({ 5: { bias: tensor([1, 2]) } })).toThrow(
      /'5.bias' is float32 \[3\], got float32 \[2\]/,
    );
    expect(() => m.assign({ 5: { bias: tensor([1, 2, 3], [3], 'float64') } })).toThrow(/got float64/);
    m.dispose();
  });

  test('a jit-compiled step (applyFunctional + applyGradients) trains as the in-place loop does, memory flat', () => {
    const { x, y } = batch();
    // In place: apply() updates the statistics, Adam.step() the parameters.
    const eager = model(5);
    const eagerOpt = new Adam(eager, { lr: 1e-2 });
    const eagerStep = valueAndGrad((p: ParamTree, xb: Tensor, yb: Tensor) =>
      softmaxCrossEntropy(eager.apply(p, xb), yb),
    );
    const eagerLosses: number[] = [];
    for (let i = 0; i < 6; i++) {
      tidy(() => {
        const { value, grads } = eagerStep(
          eager.parameters(),
          tensor(x, [12, 1, 8, 8]),
          tensor(y, [12], 'int32'),
        );
        eagerLosses.push(values(value)[0]);
        eagerOpt.step(grads);
      });
    }
    // Functional, one compiled program for every step.
    const m = model(5);
    const opt = new Adam(m, { lr: 1e-2 });
    const loss = valueAndGradWithAux((p: ParamTree, b: ParamTree, xb: Tensor, yb: Tensor) => {
      const { output, buffers } = m.applyFunctional(p, b, xb);
      return [softmaxCrossEntropy(output, yb), buffers] as const;
    });
    const step = jit((p: ParamTree, b: ParamTree, s: OptimizerState, xb: Tensor, yb: Tensor) => {
      const { value, grads, aux } = loss(p, b, xb, yb);
      const next = opt.applyGradients(p, grads, s);
      return { loss: value, params: next.params, buffers: aux, state: next.state };
    });
    let state = opt.initState(m.parameters());
    const xs = tensor(x, [12, 1, 8, 8]);
    const ys = tensor(y, [12], 'int32');
    const losses: number[] = [];
    let live = 0;
    for (let i = 0; i < 6; i++) {
      const r = step(m.parameters(), m.buffers(), state, xs, ys);
      losses.push(values(r.loss)[0]);
      r.loss.dispose();
      m.assign(r.params);
      m.assign(r.buffers);
      dispose(state);
      state = r.state;
      if (i === 1) live = memory().numTensors;
    }
    expect(memory().numTensors).toBe(live);
    expect(step.cacheSize).toBe(1);
    expect(losses).toEqual(eagerLosses.map((l) => expect.closeTo(l, 4)));
    expect(losses[5]).toBeLessThan(losses[0]);
    const a = eager.stateDict();
    const b = m.stateDict();
    for (const k of Object.keys(a)) {
      expect(values(b[k])).toEqual(values(a[k]).map((v) => expect.closeTo(v, 4)));
    }
    step.dispose();
    dispose([xs, ys, state]);
    eagerOpt.dispose();
    eager.dispose();
    m.dispose();
  });
});
