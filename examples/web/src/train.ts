// A small MLP (64 -> 64 -> ReLU -> 10) from @libml/nn, trained with Adam on the digits' training split
// with a jit-compiled step; reports progress per epoch and returns the test accuracy and predictions.

import {
  argMax,
  dispose,
  jit,
  keep,
  mapTree,
  softmaxCrossEntropy,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
} from '@libml/core';
import { Adam, Linear, type OptimizerState, type ParamTree, ReLU, Sequential } from '@libml/nn';
import { permutation, type Split } from './digits.js';

export interface TrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly seed: number;
}

export const DEFAULTS: TrainOptions = { epochs: 12, batchSize: 32, lr: 0.01, seed: 1 };

export interface TrainResult {
  readonly testAccuracy: number;
  readonly predictions: Int32Array;
  readonly seconds: number;
}

export function digitsMlp(seed: number): Sequential {
  return new Sequential(
    new Linear(64, 64, { seed: seed * 10 + 1 }),
    new ReLU(),
    new Linear(64, 10, { seed: seed * 10 + 2 }),
  );
}

function batch(data: Split, rows: ArrayLike<number>): { x: Tensor; y: Tensor } {
  const xb = new Float32Array(rows.length * 64);
  const yb = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    xb.set(data.images.subarray(rows[i] * 64, rows[i] * 64 + 64), i * 64);
    yb[i] = data.labels[rows[i]];
  }
  return { x: tensor(xb, [rows.length, 64]), y: tensor(yb, [rows.length], 'int32') };
}

/** Lets the page repaint between epochs. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function train(
  trainSet: Split,
  testSet: Split,
  o: TrainOptions,
  onEpoch: (epoch: number, loss: number) => void,
): Promise<TrainResult> {
  const model = digitsMlp(o.seed);
  const opt = new Adam(model, { lr: o.lr });
  const lossAndGrad = valueAndGrad((p: ParamTree, x: Tensor, y: Tensor) =>
    softmaxCrossEntropy(model.apply(p, x), y),
  );
  // The whole step (forward, gradients, Adam) compiled: traced on the first batch, then replayed (on
  // WebGPU as one command buffer per step).
  const step = jit((p: ParamTree, s: OptimizerState, x: Tensor, y: Tensor) => {
    const { value, grads } = lossAndGrad(p, x, y);
    const next = opt.applyGradients(p, grads, s);
    return { loss: value, params: next.params, state: next.state };
  });
  let state = opt.initState(model.parameters());
  const started = performance.now();
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const order = permutation(trainSet.count, o.seed * 1000 + epoch);
    const losses: Tensor[] = [];
    for (let start = 0; start < trainSet.count; start += o.batchSize) {
      const rows = order.subarray(start, Math.min(start + o.batchSize, trainSet.count));
      losses.push(
        tidy(() => {
          const { x, y } = batch(trainSet, rows);
          const r = step(model.parameters(), state, x, y);
          model.assign(r.params);
          dispose(state);
          state = mapTree(r.state, keep);
          return r.loss;
        }),
      );
    }
    // One read per step's loss at the end of the epoch: the steps are queued without waiting on the GPU.
    let sum = 0;
    for (const l of losses) {
      sum += (await l.data())[0];
      l.dispose();
    }
    onEpoch(epoch, sum / losses.length);
    await nextFrame();
  }
  const seconds = (performance.now() - started) / 1000;
  const all = Int32Array.from({ length: testSet.count }, (_, i) => i);
  const predicted = tidy(() => argMax(model.forward(batch(testSet, all).x), -1));
  const predictions = Int32Array.from(await predicted.data());
  predicted.dispose();
  dispose(state);
  step.dispose();
  opt.dispose();
  model.dispose();
  let hits = 0;
  for (let i = 0; i < testSet.count; i++) if (predictions[i] === testSet.labels[i]) hits++;
  return { testAccuracy: hits / testSet.count, predictions, seconds };
}
