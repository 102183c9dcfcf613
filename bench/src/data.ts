// Deterministic inputs shared by every library (so results can be cross-checked), and the checksum each
// process sends back for the agreement check.

import { ADD_N, BN_SHAPE, CNN, CONV, MLP, SMALL_N, SOFTMAX } from './workloads.js';

/** mulberry32: a small seeded PRNG; values uniform in [-scale, scale). */
export function uniform(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = (2 * u - 1) * scale;
  }
  return out;
}

/** Permutes a row-major array of `shape` by `perm` (like transpose). */
export function transpose(
  src: Float32Array,
  shape: readonly number[],
  perm: readonly number[],
): Float32Array {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]!);
  const srcStrides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    srcStrides[i] = s;
    s *= shape[i]!;
  }
  const strides = perm.map((p) => srcStrides[p]!);
  const out = new Float32Array(src.length);
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let off = 0;
    for (let d = 0; d < rank; d++) off += idx[d]! * strides[d]!;
    out[o] = src[off]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++idx[d]! < outShape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

export interface Arr {
  data: Float32Array;
  shape: number[];
}
const arr = (data: Float32Array, shape: readonly number[]): Arr => ({ data, shape: [...shape] });

export function matmulInputs(n: number): { a: Arr; b: Arr } {
  return { a: arr(uniform(n * n, 11 + n), [n, n]), b: arr(uniform(n * n, 12 + n), [n, n]) };
}

export interface ConvInputs {
  /** NHWC input, HWIO filter, NHWC upstream gradient. */
  xNhwc: Arr;
  wHwio: Arr;
  dyNhwc: Arr;
  /** The same values as NCHW input, OIHW filter, NCHW upstream gradient. */
  xNchw: Arr;
  wOihw: Arr;
  dyNchw: Arr;
}

let convCache: ConvInputs | undefined;
export function convInputs(): ConvInputs {
  if (convCache) return convCache;
  const { n, h, w, cin, cout, k } = CONV;
  const xNhwc = arr(uniform(n * h * w * cin, 21), [n, h, w, cin]);
  const wHwio = arr(uniform(k * k * cin * cout, 22, 0.2), [k, k, cin, cout]);
  const dyNhwc = arr(uniform(n * h * w * cout, 23), [n, h, w, cout]);
  convCache = {
    xNhwc,
    wHwio,
    dyNhwc,
    xNchw: arr(transpose(xNhwc.data, xNhwc.shape, [0, 3, 1, 2]), [n, cin, h, w]),
    wOihw: arr(transpose(wHwio.data, wHwio.shape, [3, 2, 0, 1]), [cout, cin, k, k]),
    dyNchw: arr(transpose(dyNhwc.data, dyNhwc.shape, [0, 3, 1, 2]), [n, cout, h, w]),
  };
  return convCache;
}

export const addInputs = (n = ADD_N): { a: Arr; b: Arr } => ({
  a: arr(uniform(n, 31 + n), [n]),
  b: arr(uniform(n, 32 + n), [n]),
});
export const smallAddInputs = (): { a: Arr; b: Arr } => addInputs(SMALL_N);

export const softmaxInput = (): Arr => arr(uniform(SOFTMAX[0] * SOFTMAX[1], 41, 4), SOFTMAX);

export interface BatchNormInputs {
  x: Arr;
  scale: Arr;
  offset: Arr;
  epsilon: number;
}
export function batchNormInputs(): BatchNormInputs {
  const c = BN_SHAPE[1];
  const scale = uniform(c, 52, 0.5).map((v) => v + 1);
  return {
    x: arr(
      uniform(
        BN_SHAPE.reduce((a, b) => a * b, 1),
        51,
        2,
      ),
      BN_SHAPE,
    ),
    scale: arr(scale, [c]),
    offset: arr(uniform(c, 53, 0.5), [c]),
    epsilon: 1e-3,
  };
}

export interface MlpInputs {
  x: Arr;
  /** Class indices as int32. */
  labels: Int32Array;
  /** One-hot labels [batch, 10] (for libraries whose loss takes probabilities). */
  oneHot: Arr;
  params: { w1: Arr; b1: Arr; w2: Arr; b2: Arr; w3: Arr; b3: Arr };
  lr: number;
}
export const MLP_PARAM_NAMES = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'] as const;

export function mlpInputs(): MlpInputs {
  const { batch, sizes, lr } = MLP;
  const [d0, d1, d2, d3] = sizes;
  const labels = new Int32Array(batch);
  const oneHot = new Float32Array(batch * d3);
  const r = uniform(batch, 61);
  for (let i = 0; i < batch; i++) {
    labels[i] = Math.min(d3 - 1, Math.floor(((r[i]! + 1) / 2) * d3));
    oneHot[i * d3 + labels[i]!] = 1;
  }
  // Glorot-uniform weights, small biases.
  const glorot = (fanIn: number, fanOut: number, seed: number) =>
    arr(uniform(fanIn * fanOut, seed, Math.sqrt(6 / (fanIn + fanOut))), [fanIn, fanOut]);
  return {
    x: arr(uniform(batch * d0, 62), [batch, d0]),
    labels,
    oneHot: arr(oneHot, [batch, d3]),
    params: {
      w1: glorot(d0, d1, 63),
      b1: arr(uniform(d1, 64, 0.1), [d1]),
      w2: glorot(d1, d2, 65),
      b2: arr(uniform(d2, 66, 0.1), [d2]),
      w3: glorot(d2, d3, 67),
      b3: arr(uniform(d3, 68, 0.1), [d3]),
    },
    lr,
  };
}

export interface CnnInputs {
  /** Images NCHW [batch, 1, 8, 8]. */
  x: Arr;
  labels: Int32Array;
  params: { c1: Arr; g1: Arr; o1: Arr; c2: Arr; g2: Arr; o2: Arr; w: Arr; b: Arr };
  lr: number;
}
export const CNN_PARAM_NAMES = ['c1', 'g1', 'o1', 'c2', 'g2', 'o2', 'w', 'b'] as const;

export function cnnInputs(): CnnInputs {
  const { batch, channels, classes, lr } = CNN;
  const [c0, c1, c2] = channels;
  const labels = new Int32Array(batch);
  const r = uniform(batch, 71);
  for (let i = 0; i < batch; i++) labels[i] = Math.min(classes - 1, Math.floor(((r[i]! + 1) / 2) * classes));
  const he = (shape: number[], fanIn: number, seed: number) =>
    arr(
      uniform(
        shape.reduce((a, b) => a * b, 1),
        seed,
        Math.sqrt(6 / fanIn),
      ),
      shape,
    );
  const filled = (n: number, v: number) => arr(new Float32Array(n).fill(v), [n]);
  return {
    x: arr(uniform(batch * c0 * 64, 72), [batch, c0, 8, 8]),
    labels,
    params: {
      c1: he([c1, c0, 3, 3], c0 * 9, 73),
      g1: filled(c1, 1),
      o1: filled(c1, 0),
      c2: he([c2, c1, 3, 3], c1 * 9, 74),
      g2: filled(c2, 1),
      o2: filled(c2, 0),
      w: he([c2 * 4, classes], c2 * 4, 75),
      b: filled(classes, 0),
    },
    lr,
  };
}

/** What each process reports per output tensor for the agreement check. */
export interface Checksum {
  length: number;
  sum: number;
  absSum: number;
  /** Up to 64 values at evenly spaced indices. */
  sample: number[];
}

export type Readback = ArrayLike<number>;

export function checksum(data: Readback): Checksum {
  let sum = 0;
  let absSum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    sum += v;
    absSum += Math.abs(v);
  }
  const count = Math.min(64, data.length);
  const sample: number[] = [];
  for (let j = 0; j < count; j++) sample.push(data[Math.floor((j * data.length) / count)]!);
  return { length: data.length, sum, absSum, sample };
}

export interface Agreement {
  ok: boolean;
  /** Largest sample difference relative to the reference's mean |value|. */
  maxRelErr: number;
  note?: string;
}

/** Compares one result's checksums with the reference's (same workload). */
export function compare(a: Checksum[], ref: Checksum[], tol = 2e-3): Agreement {
  if (a.length !== ref.length) return { ok: false, maxRelErr: Number.NaN, note: 'different output count' };
  let maxRelErr = 0;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const r = ref[k]!;
    if (x.length !== r.length) return { ok: false, maxRelErr: Number.NaN, note: 'different output size' };
    const scale = Math.max(r.absSum / Math.max(1, r.length), 1e-6);
    for (let j = 0; j < r.sample.length; j++) {
      const err = Math.abs(x.sample[j]! - r.sample[j]!) / scale;
      if (!(err <= maxRelErr)) maxRelErr = Number.isNaN(err) ? Number.POSITIVE_INFINITY : err;
    }
    const absErr = Math.abs(x.absSum - r.absSum) / Math.max(r.absSum, 1e-6);
    if (!(absErr <= maxRelErr)) maxRelErr = Number.isNaN(absErr) ? Number.POSITIVE_INFINITY : absErr;
  }
  return { ok: maxRelErr <= tol, maxRelErr };
}
