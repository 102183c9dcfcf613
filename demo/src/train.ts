// The demo's engine: trains the digits CNN with Adam on the seeded split, evaluates on the validation
// set after each epoch and on the test set once at the end, and reports progress to a callback.

import {
  argMax,
  cast,
  dispose,
  equal,
  jit,
  keep,
  mapTree,
  softmaxCrossEntropy,
  sum,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
  valueAndGradWithAux,
} from '@libml/core';
import { Adam, type OptimizerState, type ParamTree, type Sequential } from '@libml/nn';
import type { Options } from './args.js';
import { useBackend } from './backend.js';
import { loadDigits, permutation, type Split, splitDigits } from './data.js';
import { ARCHITECTURE, digitsCnn } from './model.js';

export interface EpochStats {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly validationLoss: number;
  readonly validationAccuracy: number;
  /** Training samples per second in this epoch's steps. */
  readonly samplesPerSecond: number;
}

/** What the caller hears while training runs. */
export interface TrainListener {
  /** A line of information (setup, summary). */
  info?(line: string): void;
  /** After each step: samples seen this epoch, running loss and accuracy, samples/s. */
  step?(
    epoch: number,
    seen: number,
    total: number,
    loss: number,
    accuracy: number,
    samplesPerSecond: number,
  ): void;
  /** After each step, that step's mean loss (for cross-backend comparisons). */
  stepLoss?(loss: number): void;
  /** After each epoch, with the validation figures. */
  epoch?(stats: EpochStats): void;
}

export interface TrainResult {
  /** The trained model (eval mode); dispose it when done. */
  readonly model: Sequential;
  readonly history: readonly EpochStats[];
  readonly testAccuracy: number;
  /** confusion[true][predicted] counts on the test set. */
  readonly confusion: number[][];
  /** Wall-clock seconds of the training loop (all epochs, validation included; loading excluded). */
  readonly seconds: number;
  /** Training samples per second over the whole run (steps only). */
  readonly samplesPerSecond: number;
  readonly counts: { train: number; validation: number; test: number };
}

const CLASSES = 10;

/** Images [n, 1, 8, 8] and int32 labels [n] of rows `rows` of `data` (all rows by default). */
function batchOf(data: Split, rows?: ArrayLike<number>): { x: Tensor; y: Tensor } {
  const n = rows ? rows.length : data.count;
  if (!rows) return { x: tensor(data.images, [n, 1, 8, 8]), y: tensor(data.labels, [n], 'int32') };
  const xb = new Float32Array(n * 64);
  const yb = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    xb.set(data.images.subarray(r * 64, r * 64 + 64), i * 64);
    yb[i] = data.labels[r];
  }
  return { x: tensor(xb, [n, 1, 8, 8]), y: tensor(yb, [n], 'int32') };
}

/** Loss, accuracy and predicted classes of `model` (eval mode) on a whole split. */
export async function evaluate(
  model: Sequential,
  data: Split,
): Promise<{ loss: number; accuracy: number; predictions: Int32Array }> {
  const wasTraining = model.training;
  model.eval();
  const [loss, pred] = tidy(() => {
    const { x, y } = batchOf(data);
    const logits = model.forward(x);
    return [softmaxCrossEntropy(logits, y), argMax(logits, -1)];
  });
  model.train(wasTraining);
  const [l, p] = [await loss.data(), await pred.data()];
  loss.dispose();
  pred.dispose();
  const predictions = Int32Array.from(p);
  let hits = 0;
  for (let i = 0; i < data.count; i++) if (predictions[i] === data.labels[i]) hits++;
  return { loss: l[0], accuracy: hits / data.count, predictions };
}

/** One training step on a batch: updates the model, returns the mean loss and the correct predictions. */
interface TrainStep {
  run(x: Tensor, y: Tensor): { loss: Tensor; hits: Tensor };
  dispose(): void;
}

/**
 * Op by op: apply() updates batchNorm's statistics in the model, Adam.step() its parameters. The loss also
 * counts correct predictions on the side (argMax has no gradient); that count is kept out of
 * valueAndGrad's scope with keep().
 */
function eagerStep(model: Sequential, opt: Adam): TrainStep {
  let hits: Tensor | undefined;
  const lossAndGrad = valueAndGrad((p: ParamTree, x: Tensor, y: Tensor) => {
    const logits = model.apply(p, x);
    hits = keep(sum(cast(equal(argMax(logits, -1), y), 'int32')));
    return softmaxCrossEntropy(logits, y);
  });
  return {
    run(x, y) {
      const { value, grads } = lossAndGrad(model.parameters(), x, y);
      opt.step(grads);
      return { loss: value, hits: hits! };
    },
    dispose() {},
  };
}

/**
 * Compiled by jit: the step is a pure function of the parameters, batchNorm's statistics, Adam's state
 * and the batch (applyFunctional returns the new statistics, applyGradients the new parameters and
 * state), traced once per batch shape and replayed; its results are written back into the model.
 */
function compiledStep(model: Sequential, opt: Adam): TrainStep {
  const lossAndGrad = valueAndGradWithAux((p: ParamTree, b: ParamTree, x: Tensor, y: Tensor) => {
    const { output, buffers } = model.applyFunctional(p, b, x);
    const hits = sum(cast(equal(argMax(output, -1), y), 'int32'));
    return [softmaxCrossEntropy(output, y), { buffers, hits }] as const;
  });
  const compiled = jit((p: ParamTree, b: ParamTree, s: OptimizerState, x: Tensor, y: Tensor) => {
    const { value, grads, aux } = lossAndGrad(p, b, x, y);
    const next = opt.applyGradients(p, grads, s);
    return { loss: value, hits: aux.hits, params: next.params, buffers: aux.buffers, state: next.state };
  });
  let state = opt.initState(model.parameters());
  return {
    run(x, y) {
      const r = compiled(model.parameters(), model.buffers(), state, x, y);
      model.assign(r.params);
      model.assign(r.buffers);
      dispose(state);
      // Made inside the caller's tidy scope: kept until the next step replaces them.
      state = mapTree(r.state, keep);
      return { loss: r.loss, hits: r.hits };
    },
    dispose() {
      dispose(state);
      compiled.dispose();
    },
  };
}

/** Trains with `o` on the current split and reports to `listen`. */
export async function train(o: Options, listen: TrainListener = {}): Promise<TrainResult> {
  await useBackend(o.backend);
  const { train: trainSet, validation, test } = splitDigits(loadDigits(), o.seed);
  const model = digitsCnn(o.seed);
  listen.info?.(
    `libml digits demo on '${o.backend}': ${trainSet.count} train / ${validation.count} validation / ` +
      `${test.count} test images, seed ${o.seed}`,
  );
  listen.info?.(
    `model ${ARCHITECTURE} (${model.numParameters()} parameters); Adam lr ${o.lr}, ` +
      `${o.epochs} epochs, batch ${o.batchSize}`,
  );
  const opt = new Adam(model, { lr: o.lr });
  const step = o.jit ? compiledStep(model, opt) : eagerStep(model, opt);

  const history: EpochStats[] = [];
  let stepSeconds = 0;
  const started = performance.now();
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    model.train();
    const order = permutation(trainSet.count, o.seed * 1000 + epoch);
    let lossSum = 0;
    let hitSum = 0;
    let seen = 0;
    const epochStart = performance.now();
    for (let start = 0; start < trainSet.count; start += o.batchSize) {
      const rows = order.subarray(start, Math.min(start + o.batchSize, trainSet.count));
      const { loss: lossT, hits } = tidy(() => {
        const { x, y } = batchOf(trainSet, rows);
        return step.run(x, y);
      });
      const [loss, correct] = [(await lossT.data())[0], (await hits.data())[0]];
      dispose([lossT, hits]);
      listen.stepLoss?.(loss);
      lossSum += loss * rows.length;
      hitSum += correct;
      seen += rows.length;
      const elapsed = (performance.now() - epochStart) / 1000;
      listen.step?.(epoch, seen, trainSet.count, lossSum / seen, hitSum / seen, seen / elapsed);
    }
    const epochSeconds = (performance.now() - epochStart) / 1000;
    stepSeconds += epochSeconds;
    const v = await evaluate(model, validation);
    const stats: EpochStats = {
      epoch,
      trainLoss: lossSum / seen,
      trainAccuracy: hitSum / seen,
      validationLoss: v.loss,
      validationAccuracy: v.accuracy,
      samplesPerSecond: seen / epochSeconds,
    };
    history.push(stats);
    listen.epoch?.(stats);
  }
  const seconds = (performance.now() - started) / 1000;
  step.dispose();
  opt.dispose();

  // The test set, touched once.
  model.eval();
  const t = await evaluate(model, test);
  const confusion = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
  for (let i = 0; i < test.count; i++) confusion[test.labels[i]][t.predictions[i]]++;
  return {
    model,
    history,
    testAccuracy: t.accuracy,
    confusion,
    seconds,
    samplesPerSecond: (trainSet.count * o.epochs) / stepSeconds,
    counts: { train: trainSet.count, validation: validation.count, test: test.count },
  };
}
