// libml's main job for now: train a small MLP on the 8x8 digits with a seeded split and report the
// test accuracy. Flags: --backend cpu, --epochs, --batch-size, --seed, --lr.

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
import '@libml/backend-cpu';
import { loadDigits, permutation, type Split, splitDigits } from './data.js';

interface Options {
  backend: string;
  epochs: number;
  batchSize: number;
  seed: number;
  lr: number;
}

function parseArgs(argv: readonly string[]): Options {
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

type Params = { w1: Tensor; b1: Tensor; w2: Tensor; b2: Tensor };

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

function accuracy(p: Params, data: Split): number {
  return tidy(() => {
    const logits = forward(p, tensor(data.images, [data.count, 64]));
    const hits = sum(cast(equal(argMax(logits, -1), tensor(data.labels, [data.count], 'int32')), 'int32'));
    return (hits.dataSync()[0] as number) / data.count;
  });
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  await setBackend(o.backend);
  const digits = loadDigits();
  const { train, validation, test } = splitDigits(digits, o.seed);
  console.log(
    `libml digits demo on '${o.backend}': ${train.count} train / ${validation.count} validation / ${test.count} test, ` +
      `MLP 64-128-10, Adam lr ${o.lr}, ${o.epochs} epochs, batch ${o.batchSize}, seed ${o.seed}`,
  );
  let params = initParams(o.seed);
  const opt = new Adam(params, o.lr);
  const lossOf = (p: Params, x: Tensor, y: Tensor) => softmaxCrossEntropy(forward(p, x), y);
  const step = valueAndGrad(lossOf);
  const started = performance.now();
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const order = permutation(train.count, o.seed * 1000 + epoch);
    let lossSum = 0;
    let batches = 0;
    for (let start = 0; start < train.count; start += o.batchSize) {
      const idx = order.subarray(start, Math.min(start + o.batchSize, train.count));
      const xb = new Float32Array(idx.length * 64);
      const yb = new Int32Array(idx.length);
      idx.forEach((r, i) => {
        xb.set(train.images.subarray(r * 64, r * 64 + 64), i * 64);
        yb[i] = train.labels[r];
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
      console.log(
        `epoch ${String(epoch).padStart(3)}  loss ${(lossSum / batches).toFixed(4)}  validation accuracy ${(100 * accuracy(params, validation)).toFixed(1)}%`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const testAccuracy = accuracy(params, test);
  console.log(`training time ${seconds.toFixed(2)} s`);
  console.log(`test accuracy ${(100 * testAccuracy).toFixed(2)}% (${test.count} images)`);
  const live = memory();
  dispose(params);
  void reduceMean;
  if (live.numTensors > 12) console.warn(`warning: ${live.numTensors} tensors alive at the end`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
