// Trains a small MLP on the 8x8 digits (seeded split, Adam) and measures accuracy: the demo's engine.

import {
  add,
  argMax,
  cast,
  dispose,
  div,
  equal,
  keep,
  matmul,
  memory,
  mul,
  randomNormal,
  reduceMean,
  relu,
  setBackend,
  softmaxCrossEntropy,
  sqrt,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
  zeros,
} from '@libml/core';
import { loadDigits, permutation, type Split, splitDigits } from './data.js';

export interface Options {
  backend: string;
  epochs: number;
  batchSize: number;
  seed: number;
  lr: number;
}

export function parseArgs(argv: readonly string[]): Options {
  const o: Options = { backend: 'cpu', epochs: 30, batchSize: 32, seed: 1, lr: 3e-3 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=');
    const value = inline ?? argv[++i];
    switch (flag) {
      case '--backend':
        o.backend = value;
        break;
      case '--epochs':
        o.epochs = Number(value);
        break;
      case '--batch-size':
        o.batchSize = Number(value);
        break;
      case '--seed':
        o.seed = Number(value);
        break;
      case '--lr':
        o.lr = Number(value);
        break;
      default:
        throw new Error(`unknown flag ${flag}; flags: --backend, --epochs, --batch-size, --seed, --lr`);
    }
  }
  return o;
}

export type Params = { w1: Tensor; b1: Tensor; w2: Tensor; b2: Tensor };

function initParams(seed: number): Params {
  const he = (fanIn: number, shape: number[], s: number) =>
    keep(randomNormal(shape, 0, Math.sqrt(2 / fanIn), { seed: s }));
  return {
    w1: he(64, [64, 128], seed * 7 + 1),
    b1: keep(zeros([128])),
    w2: he(128, [128, 10], seed * 7 + 2),
    b2: keep(zeros([10])),
  };
}

function forward(p: Params, x: Tensor): Tensor {
  return add(matmul(relu(add(matmul(x, p.w1), p.b1)), p.w2), p.b2);
}

/** Adam (Kingma & Ba), state kept beside the parameters. */
class Adam {
  private m: Params;
  private v: Params;
  private t = 0;
  constructor(
    params: Params,
    private readonly lr: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    const zerosOf = (q: Params) =>
      Object.fromEntries(Object.entries(q).map(([k, t]) => [k, keep(zeros(t.shape))])) as Params;
    this.m = zerosOf(params);
    this.v = zerosOf(params);
  }

  dispose(): void {
    dispose([this.m, this.v]);
  }

  step(params: Params, grads: Params): Params {
    this.t++;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    const next = {} as Params;
    for (const key of Object.keys(params) as (keyof Params)[]) {
      const [p, m, v] = tidy(() => {
        const g = grads[key];
        const m = add(mul(this.m[key], this.beta1), mul(g, 1 - this.beta1));
        const v = add(mul(this.v[key], this.beta2), mul(square(g), 1 - this.beta2));
        const update = div(mul(m, this.lr / c1), add(sqrt(div(v, c2)), this.eps));
        return [sub(params[key], update), m, v];
      });
      dispose([params[key], this.m[key], this.v[key]]);
      next[key] = keep(p);
      this.m[key] = keep(m);
      this.v[key] = keep(v);
    }
    return next;
  }
}

export function accuracy(p: Params, data: Split): number {
  return tidy(() => {
    const logits = forward(p, tensor(data.images, [data.count, 64]));
    const hits = sum(cast(equal(argMax(logits, -1), tensor(data.labels, [data.count], 'int32')), 'int32'));
    return (hits.dataSync()[0] as number) / data.count;
  });
}

export interface TrainResult {
  readonly params: Params;
  readonly testAccuracy: number;
  readonly validationAccuracy: number;
  readonly seconds: number;
  readonly trainCount: number;
  readonly testCount: number;
}

/** Trains with `o` and reports test accuracy; `log` receives progress lines. */
export async function train(o: Options, log: (line: string) => void = () => {}): Promise<TrainResult> {
  await setBackend(o.backend);
  const digits = loadDigits();
  const { train: trainSet, validation, test } = splitDigits(digits, o.seed);
  log(
    `libml digits demo on '${o.backend}': ${trainSet.count} train / ${validation.count} validation / ${test.count} test, ` +
      `MLP 64-128-10, Adam lr ${o.lr}, ${o.epochs} epochs, batch ${o.batchSize}, seed ${o.seed}`,
  );
  let params = initParams(o.seed);
  const opt = new Adam(params, o.lr);
  const lossOf = (p: Params, x: Tensor, y: Tensor) => softmaxCrossEntropy(forward(p, x), y);
  const step = valueAndGrad(lossOf);
  const started = performance.now();
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const order = permutation(trainSet.count, o.seed * 1000 + epoch);
    let lossSum = 0;
    let batches = 0;
    for (let start = 0; start < trainSet.count; start += o.batchSize) {
      const idx = order.subarray(start, Math.min(start + o.batchSize, trainSet.count));
      const xb = new Float32Array(idx.length * 64);
      const yb = new Int32Array(idx.length);
      idx.forEach((r, i) => {
        xb.set(trainSet.images.subarray(r * 64, r * 64 + 64), i * 64);
        yb[i] = trainSet.labels[r];
      });
      const grads = tidy(() => {
        const { value, grads } = step(
          params,
          tensor(xb, [idx.length, 64]),
          tensor(yb, [idx.length], 'int32'),
        );
        lossSum += value.dataSync()[0] as number;
        return grads;
      });
      params = opt.step(params, grads);
      dispose(grads);
      batches++;
    }
    if (epoch === 1 || epoch % 5 === 0 || epoch === o.epochs) {
      const acc = accuracy(params, validation);
      log(
        `epoch ${String(epoch).padStart(3)}  loss ${(lossSum / batches).toFixed(4)}  validation accuracy ${(100 * acc).toFixed(1)}%`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  opt.dispose();
  return {
    params,
    testAccuracy: accuracy(params, test),
    validationAccuracy: accuracy(params, validation),
    seconds,
    trainCount: trainSet.count,
    testCount: test.count,
  };
}
