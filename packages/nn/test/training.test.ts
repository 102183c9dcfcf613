// End to end: a small CNN with every kind of layer trains (loss falls) with memory flat across steps,
// and "train on backend A, save, load into a fresh model on backend B, same predictions" for every pair
// of the backends listed in BACKENDS (only cpu today; add 'wasm' and 'webgpu' when their packages exist).

import {
  memory,
  setBackend,
  softmaxCrossEntropy,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
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
