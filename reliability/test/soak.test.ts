// Part 3: soak. Training steps of the digits CNN (the demo's architecture, rebuilt here from @libml/nn
// because @libml/demo exports nothing) with Adam on each backend: after a short warm-up, live tensors and
// backend bytes (core's memory()) must be exactly the same after every step; process RSS is reported.
// The jit soak trains the same model with the step compiled (applyFunctional, Adam's applyGradients): one
// compiled program for every step, memory exactly flat, and everything freed after.
// CI: RELIABILITY_SOAK_STEPS (default 200) per backend; `pnpm --filter @libml/reliability soak:long`: 5,000.

import {
  dispose,
  jit,
  memory,
  softmaxCrossEntropy,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
  valueAndGradWithAux,
} from '@libml/core';
import {
  Adam,
  BatchNorm,
  Conv2d,
  Flatten,
  Linear,
  MaxPool2d,
  type OptimizerState,
  type ParamTree,
  ReLU,
  Sequential,
} from '@libml/nn';
import { afterAll, describe, expect, test } from 'vitest';
import { BACKENDS, snapshot, use } from './support.js';

const STEPS = Number(process.env.RELIABILITY_SOAK_STEPS ?? 200);
const WARMUP = 5;
const BATCH = 32;

/** demo/src/model.ts's digitsCnn: conv3x3(16)-bn-relu-pool2 > conv3x3(32)-bn-relu-pool2 > linear(128, 10). */
function digitsCnn(seed: number): Sequential {
  return new Sequential(
    new Conv2d(1, 16, 3, { padding: 1, bias: false, seed: seed * 10 + 1 }),
    new BatchNorm(16),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(16, 32, 3, { padding: 1, bias: false, seed: seed * 10 + 2 }),
    new BatchNorm(32),
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(32 * 2 * 2, 10, { seed: seed * 10 + 3 }),
  );
}

/** A deterministic synthetic batch of 8x8 "digits": class k lights up row k % 8 (so the loss can fall). */
function batch(step: number): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(BATCH * 64);
  const y = new Int32Array(BATCH);
  let s = (step * 2654435761) >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = 0; i < BATCH; i++) {
    const k = Math.floor(rand() * 10);
    y[i] = k;
    for (let p = 0; p < 64; p++)
      x[i * 64 + p] = rand() * 0.3 + (Math.floor(p / 8) === k % 8 ? (k < 8 ? 1 : 0.5) : 0);
  }
  return { x, y };
}

const figures: string[] = [];

describe.each(BACKENDS)('soak on %s', (backend) => {
  test(
    `${STEPS} training steps: tensors and backend bytes flat after warm-up`,
    async () => {
      await use(backend);
      const before = memory().numTensors;
      const model = digitsCnn(1);
      model.train();
      const opt = new Adam(model, { lr: 0.01 });
      const step = valueAndGrad((p: ParamTree, x: Tensor, y: Tensor) =>
        softmaxCrossEntropy(model.apply(p, x), y),
      );
      let warm = '';
      let rssWarm = 0;
      let rssMax = 0;
      let first = 0;
      let last = 0;
      const drift: string[] = [];
      const started = performance.now();
      for (let i = 0; i < STEPS; i++) {
        const { x: xb, y: yb } = batch(i);
        const loss = tidy(() => {
          const { value, grads } = step(
            model.parameters(),
            tensor(xb, [BATCH, 1, 8, 8]),
            tensor(yb, [BATCH], 'int32'),
          );
          opt.step(grads);
          return value;
        });
        const l = (await loss.data())[0];
        loss.dispose();
        if (i === 0) first = l;
        last = l;
        expect(Number.isFinite(l), `loss at step ${i}`).toBe(true);
        const now = snapshot();
        const rss = process.memoryUsage().rss;
        if (i === WARMUP - 1) {
          warm = now;
          rssWarm = rss;
        } else if (i >= WARMUP && now !== warm && drift.length < 5)
          drift.push(`step ${i}: ${now} (warm: ${warm})`);
        if (i >= WARMUP) rssMax = Math.max(rssMax, rss);
      }
      const seconds = (performance.now() - started) / 1000;
      expect(drift, drift.join('\n')).toEqual([]);
      const m = memory();
      const line =
        `${backend}: ${STEPS} steps in ${seconds.toFixed(1)} s, loss ${first.toFixed(3)} -> ${last.toFixed(3)}; ` +
        `from step ${WARMUP} on ${m.numTensors - before} live tensors (model + Adam state) and ${m.backends[backend].backendBytes} backend bytes after every step; ` +
        `RSS ${(rssWarm / 2 ** 20).toFixed(0)} MiB at warm-up, max ${(rssMax / 2 ** 20).toFixed(0)} MiB (${((rssMax - rssWarm) / 2 ** 20).toFixed(1)} MiB over)`;
      figures.push(line);
      opt.dispose();
      model.dispose();
      expect(memory().numTensors, 'tensors left after disposing the model and optimizer').toBe(before);
      expect(last).toBeLessThan(first);
    },
    60_000 + STEPS * 500,
  );
});

describe.each(BACKENDS)('jit soak on %s', (backend) => {
  test(
    `${Math.ceil(STEPS / 2)} jit-compiled training steps (applyFunctional + Adam's applyGradients): one compiled program, tensors and backend bytes flat`,
    async () => {
      await use(backend);
      const before = memory();
      const model = digitsCnn(1);
      model.train();
      const opt = new Adam(model, { lr: 0.01 });
      const lossAndGrad = valueAndGradWithAux((p: ParamTree, b: ParamTree, x: Tensor, y: Tensor) => {
        const { output, buffers } = model.applyFunctional(p, b, x);
        return [softmaxCrossEntropy(output, y), buffers] as const;
      });
      const step = jit((p: ParamTree, b: ParamTree, s: OptimizerState, x: Tensor, y: Tensor) => {
        const { value, grads, aux } = lossAndGrad(p, b, x, y);
        const next = opt.applyGradients(p, grads, s);
        return { loss: value, params: next.params, buffers: aux, state: next.state };
      });
      let state = opt.initState(model.parameters());
      const steps = Math.ceil(STEPS / 2);
      let warm = '';
      let first = 0;
      let last = 0;
      const drift: string[] = [];
      for (let i = 0; i < steps; i++) {
        const { x: xb, y: yb } = batch(i);
        const x = tensor(xb, [BATCH, 1, 8, 8]);
        const y = tensor(yb, [BATCH], 'int32');
        const r = step(model.parameters(), model.buffers(), state, x, y);
        model.assign(r.params);
        model.assign(r.buffers);
        dispose([x, y, state]);
        state = r.state;
        const l = (await r.loss.data())[0];
        r.loss.dispose();
        if (i === 0) first = l;
        last = l;
        expect(Number.isFinite(l), `loss at step ${i}`).toBe(true);
        const now = snapshot();
        if (i === WARMUP - 1) warm = now;
        else if (i >= WARMUP && now !== warm && drift.length < 5)
          drift.push(`step ${i}: ${now} (warm: ${warm})`);
      }
      expect(drift, drift.join('\n')).toEqual([]);
      expect(step.cacheSize).toBe(1);
      figures.push(
        `${backend} (jit): ${steps} steps, loss ${first.toFixed(3)} -> ${last.toFixed(3)}, ${step.stats()?.tracedKernels} kernels traced -> ${step.stats()?.steps} replayed`,
      );
      step.dispose();
      dispose(state);
      opt.dispose();
      model.dispose();
      expect(memory().numTensors).toBe(before.numTensors);
      expect(memory().numBytes).toBe(before.numBytes);
      expect(last).toBeLessThan(first);
    },
    60_000 + STEPS * 500,
  );
});

afterAll(() => console.log(`[reliability] soak:\n  ${figures.join('\n  ')}`));
