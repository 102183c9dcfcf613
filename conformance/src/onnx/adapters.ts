// ONNX ops in terms of libml's public ops: one adapter per ONNX op type, taking the node's inputs in
// argument order (undefined for an omitted optional input) and its attributes, with ONNX's defaults.
// Where libml has no direct counterpart the adapter composes public ops (Gemm, ReduceMax on bool,
// int32 Div, AveragePool with dilations); nothing here computes results on the host.

import {
  abs,
  add,
  avgPool2d,
  batchNorm,
  cast,
  clip,
  concat,
  conv2d,
  conv2dTranspose,
  cos,
  div,
  elu,
  erf,
  exp,
  gelu,
  leakyRelu,
  log,
  logSoftmax,
  matmul,
  max,
  maxPool2d,
  mul,
  neg,
  ones,
  pad,
  pow,
  reduceMean,
  relu,
  reshape,
  sigmoid,
  sin,
  softmax,
  sqrt,
  sub,
  sum,
  type Tensor,
  tanh,
  transpose,
  where,
} from '@libml/core';
import type { ToleranceClass } from '../types.js';

/** One node input: its tensor, or for attribute-like int64 inputs (axes, shape) the values as numbers. */
export interface OnnxArg {
  readonly tensor?: Tensor;
  readonly values?: readonly number[];
  readonly shape: readonly number[];
}

type Attrs = { readonly [name: string]: unknown };

export interface OnnxAdapter {
  /** libml's tolerance class for the op, and the reduction length for 'reduction'. */
  tolerance(args: readonly (OnnxArg | undefined)[], attrs: Attrs): { cls: ToleranceClass; length: number };
  /** How the op is expressed through libml (for the report). */
  readonly libml: string;
  run(args: readonly (OnnxArg | undefined)[], attrs: Attrs): Tensor | readonly Tensor[];
}

function tensorAt(args: readonly (OnnxArg | undefined)[], i: number): Tensor {
  const t = args[i]?.tensor;
  if (!t) throw new Error(`input ${i} is missing`);
  return t;
}

function optional(args: readonly (OnnxArg | undefined)[], i: number): Tensor | undefined {
  return args[i]?.tensor;
}

function int(attrs: Attrs, name: string, fallback: number): number {
  const v = attrs[name];
  return typeof v === 'number' ? v : fallback;
}

/** ONNX FLOAT attributes are float32: use the float32 value, not the decimal's double. */
function float(attrs: Attrs, name: string, fallback: number): number {
  const v = attrs[name];
  return Math.fround(typeof v === 'number' ? v : fallback);
}

function ints(attrs: Attrs, name: string): readonly number[] | undefined {
  const v = attrs[name];
  return Array.isArray(v) ? (v as number[]) : undefined;
}

function pairOf(attrs: Attrs, name: string, fallback: number): [number, number] {
  const v = ints(attrs, name);
  return v ? [v[0], v[1]] : [fallback, fallback];
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

const exact = () => ({ cls: 'exact' as const, length: 1 });
const elementwise = () => ({ cls: 'elementwise' as const, length: 1 });

function unary(fn: (x: Tensor) => Tensor, libml: string, cls: 'exact' | 'elementwise'): OnnxAdapter {
  return { libml, tolerance: cls === 'exact' ? exact : elementwise, run: (args) => fn(tensorAt(args, 0)) };
}

function binary(fn: (a: Tensor, b: Tensor) => Tensor, libml: string): OnnxAdapter {
  return { libml, tolerance: elementwise, run: (args) => fn(tensorAt(args, 0), tensorAt(args, 1)) };
}

type Pads2d = [[number, number], [number, number]];

/**
 * Explicit [[top, bottom], [left, right]] pads of a 2-D conv or pool from ONNX's auto_pad and pads
 * (pads are [top, left, bottom, right]). SAME_*: output ceil(in / stride), the odd pad at the end
 * (UPPER) or the beginning (LOWER).
 */
function onnxPads(
  attrs: Attrs,
  input: readonly [number, number],
  kernel: readonly [number, number],
  strides: readonly [number, number],
  dilations: readonly [number, number],
): Pads2d {
  const autoPad = (attrs.auto_pad as string | undefined) ?? 'NOTSET';
  if (autoPad === 'VALID')
    return [
      [0, 0],
      [0, 0],
    ];
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const axis = (i: number): [number, number] => {
      const out = Math.ceil(input[i] / strides[i]);
      const total = Math.max(0, (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - input[i]);
      const small = Math.floor(total / 2);
      return autoPad === 'SAME_UPPER' ? [small, total - small] : [total - small, small];
    };
    return [axis(0), axis(1)];
  }
  if (autoPad !== 'NOTSET') throw new Error(`unknown auto_pad ${autoPad}`);
  const p = ints(attrs, 'pads') ?? [0, 0, 0, 0];
  return [
    [p[0], p[2]],
    [p[1], p[3]],
  ];
}

/** libml's pooling takes pads of at most half the dilated kernel (PyTorch's rule); ONNX allows more. */
function poolPadsFit(pads: Pads2d, kernel: readonly [number, number], dilations: readonly [number, number]) {
  return pads.every(([a, b], i) => Math.max(a, b) * 2 <= (kernel[i] - 1) * dilations[i] + 1);
}

function spatialOf(x: Tensor): [number, number] {
  return [x.shape[2], x.shape[3]];
}

function poolGeometry(args: readonly (OnnxArg | undefined)[], attrs: Attrs) {
  const x = tensorAt(args, 0);
  const kernel = pairOf(attrs, 'kernel_shape', 1);
  const strides = pairOf(attrs, 'strides', 1); // ONNX's default stride is 1, libml's the kernel
  const dilations = pairOf(attrs, 'dilations', 1);
  const pads = onnxPads(attrs, spatialOf(x), kernel, strides, dilations);
  return { x, kernel, strides, dilations, pads, ceilMode: int(attrs, 'ceil_mode', 0) === 1 };
}

const maxPool: OnnxAdapter = {
  libml:
    'maxPool2d (strides default 1); pads beyond half the kernel: pad(x, -Infinity) then maxPool2d without padding',
  tolerance: exact,
  run(args, attrs) {
    const { x, kernel, strides, dilations, pads, ceilMode } = poolGeometry(args, attrs);
    if (poolPadsFit(pads, kernel, dilations)) {
      return maxPool2d(x, { kernelSize: kernel, strides, dilations, padding: pads, ceilMode });
    }
    if (ceilMode) throw new Error('pads beyond half the kernel together with ceil_mode are not expressible');
    const padded = pad(x, [[0, 0], [0, 0], ...pads], Number.NEGATIVE_INFINITY);
    return maxPool2d(padded, { kernelSize: kernel, strides, dilations, padding: 'valid' });
  },
};

/** Windows along one axis: ONNX/PyTorch sizes, ceil mode dropping a last window that starts in the end pad. */
function windowCount(
  n: number,
  k: number,
  s: number,
  d: number,
  pb: number,
  pe: number,
  ceil: boolean,
): number {
  const span = n + pb + pe - ((k - 1) * d + 1);
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= n + pb) out--;
  return out;
}

/**
 * AveragePool as a window sum over a count, both by depthwise conv2d with a ones filter (used where
 * avgPool2d cannot take the attributes: dilations, or pads beyond half the kernel). The count covers the
 * input, plus the explicit pads with count_include_pad; never the ceil-mode overflow.
 */
function avgPoolByConv(
  x: Tensor,
  kernel: readonly [number, number],
  strides: readonly [number, number],
  dilations: readonly [number, number],
  pads: Pads2d,
  ceilMode: boolean,
  includePad: boolean,
): Tensor {
  const [h, w] = spatialOf(x);
  const extra = [h, w].map((n, i) => {
    const out = windowCount(n, kernel[i], strides[i], dilations[i], pads[i][0], pads[i][1], ceilMode);
    return Math.max(
      0,
      (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - (n + pads[i][0] + pads[i][1]),
    );
  });
  const withExtra: Pads2d = [
    [pads[0][0], pads[0][1] + extra[0]],
    [pads[1][0], pads[1][1] + extra[1]],
  ];
  const c = x.shape[1];
  const options = { strides, dilations };
  const total = conv2d(pad(x, [[0, 0], [0, 0], ...withExtra], 0), ones([c, 1, kernel[0], kernel[1]]), {
    ...options,
    groups: c,
  });
  const mask = includePad
    ? pad(
        pad(ones([1, 1, h, w]), [[0, 0], [0, 0], ...pads], 1),
        [
          [0, 0],
          [0, 0],
          [0, extra[0]],
          [0, extra[1]],
        ],
        0,
      )
    : pad(ones([1, 1, h, w]), [[0, 0], [0, 0], ...withExtra], 0);
  const count = conv2d(mask, ones([1, 1, kernel[0], kernel[1]]), options);
  return div(total, count);
}

const averagePool: OnnxAdapter = {
  libml:
    'avgPool2d (strides default 1); with dilations or pads beyond half the kernel: depthwise conv2d window sums over conv2d counts',
  tolerance: (_args, attrs) => ({ cls: 'reduction', length: size(pairOf(attrs, 'kernel_shape', 1)) }),
  run(args, attrs) {
    const { x, kernel, strides, dilations, pads, ceilMode } = poolGeometry(args, attrs);
    const includePad = int(attrs, 'count_include_pad', 0) === 1;
    if (dilations.every((d) => d === 1) && poolPadsFit(pads, kernel, dilations)) {
      return avgPool2d(x, {
        kernelSize: kernel,
        strides,
        padding: pads,
        ceilMode,
        countIncludePad: includePad,
      });
    }
    return avgPoolByConv(x, kernel, strides, dilations, pads, ceilMode, includePad);
  },
};

const conv: OnnxAdapter = {
  libml: 'conv2d (pads/auto_pad as explicit pads, group as groups, B as bias)',
  tolerance: (args, attrs) => {
    const w = args[1]!.shape;
    void attrs;
    return { cls: 'reduction', length: w[1] * w[2] * w[3] };
  },
  run(args, attrs) {
    const x = tensorAt(args, 0);
    const w = tensorAt(args, 1);
    const strides = pairOf(attrs, 'strides', 1);
    const dilations = pairOf(attrs, 'dilations', 1);
    const padding = onnxPads(attrs, spatialOf(x), [w.shape[2], w.shape[3]], strides, dilations);
    return conv2d(x, w, {
      strides,
      dilations,
      groups: int(attrs, 'group', 1),
      padding,
      bias: optional(args, 2),
    });
  },
};

/**
 * ConvTranspose: conv2dTranspose with explicit pads. With output_shape (or SAME_* auto_pad, whose output
 * is input * stride) the pads come from total = stride (in - 1) + output_padding + dilated kernel - output,
 * split as ONNX says (SAME_UPPER: the odd pad at the end; otherwise at the beginning); a negative total
 * (an output larger than the natural one) is extra output padding at the end.
 */
const convTranspose: OnnxAdapter = {
  libml:
    'conv2dTranspose (output_shape and auto_pad as explicit pads and outputPadding, group as groups, B as bias)',
  tolerance: (args, attrs) => {
    const w = args[1]!.shape;
    const group = int(attrs, 'group', 1);
    return { cls: 'reduction', length: (w[0] / group) * w[2] * w[3] };
  },
  run(args, attrs) {
    const x = tensorAt(args, 0);
    const w = tensorAt(args, 1);
    const strides = pairOf(attrs, 'strides', 1);
    const dilations = pairOf(attrs, 'dilations', 1);
    const outputPadding = pairOf(attrs, 'output_padding', 0);
    const kernel: [number, number] = [w.shape[2], w.shape[3]];
    const autoPad = (attrs.auto_pad as string | undefined) ?? 'NOTSET';
    let outputShape = ints(attrs, 'output_shape');
    const input = spatialOf(x);
    if (!outputShape && (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER')) {
      outputShape = [input[0] * strides[0], input[1] * strides[1]];
    }
    let padding: Pads2d;
    const extraPadding: [number, number] = [...outputPadding];
    if (outputShape) {
      const axis = (i: number): [number, number] => {
        const natural = strides[i] * (input[i] - 1) + outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1;
        const total = natural - outputShape[outputShape.length - 2 + i];
        if (total < 0) {
          extraPadding[i] += -total;
          return [0, 0];
        }
        const half = Math.floor(total / 2);
        return autoPad === 'SAME_UPPER' ? [half, total - half] : [total - half, half];
      };
      padding = [axis(0), axis(1)];
    } else {
      padding = onnxPads(attrs, input, kernel, strides, dilations);
    }
    return conv2dTranspose(x, w, {
      strides,
      dilations,
      groups: int(attrs, 'group', 1),
      padding,
      outputPadding: extraPadding,
      bias: optional(args, 2),
    });
  },
};

/** Reduction axes from the axes input; empty: every axis, or none with noop_with_empty_axes. */
function reduceAxes(
  args: readonly (OnnxArg | undefined)[],
  attrs: Attrs,
): readonly number[] | undefined | 'noop' {
  const axes = args[1]?.values ?? ints(attrs, 'axes') ?? [];
  if (axes.length > 0) return axes;
  return int(attrs, 'noop_with_empty_axes', 0) === 1 ? 'noop' : undefined;
}

function reduction(
  fn: (x: Tensor, axes: readonly number[] | undefined, keepDims: boolean) => Tensor,
  libml: string,
  cls: 'exact' | 'reduction',
): OnnxAdapter {
  return {
    libml,
    tolerance(args, attrs) {
      const shape = args[0]!.shape;
      const axes = reduceAxes(args, attrs);
      if (axes === 'noop' || cls === 'exact') return { cls, length: 1 };
      const reduced = axes ? axes.map((a) => shape[a < 0 ? a + shape.length : a]) : shape;
      return { cls, length: Math.max(1, size(reduced)) };
    },
    run(args, attrs) {
      const x = tensorAt(args, 0);
      const axes = reduceAxes(args, attrs);
      if (axes === 'noop') return x;
      return fn(x, axes, int(attrs, 'keepdims', 1) === 1);
    },
  };
}

const softmaxLike = (fn: (x: Tensor, axis: number) => Tensor, libml: string): OnnxAdapter => ({
  libml,
  tolerance(args, attrs) {
    const shape = args[0]!.shape;
    const axis = int(attrs, 'axis', -1);
    return { cls: 'reduction', length: shape[axis < 0 ? axis + shape.length : axis] };
  },
  run: (args, attrs) => fn(tensorAt(args, 0), int(attrs, 'axis', -1)),
});

export const ONNX_ADAPTERS: { readonly [op: string]: OnnxAdapter } = {
  Abs: unary(abs, 'abs', 'exact'),
  Neg: unary(neg, 'neg', 'exact'),
  Relu: unary(relu, 'relu', 'exact'),
  Sigmoid: unary(sigmoid, 'sigmoid', 'elementwise'),
  Sin: unary(sin, 'sin', 'elementwise'),
  Cos: unary(cos, 'cos', 'elementwise'),
  Tanh: unary(tanh, 'tanh', 'elementwise'),
  Exp: unary(exp, 'exp', 'elementwise'),
  Log: unary(log, 'log', 'elementwise'),
  Sqrt: unary(sqrt, 'sqrt', 'elementwise'),
  Erf: unary(erf, 'erf', 'elementwise'),
  Add: binary(add, 'add'),
  Sub: binary(sub, 'sub'),
  Mul: binary(mul, 'mul'),
  Div: {
    libml:
      "div; int32 / int32 (ONNX truncates, libml divides to float32): cast(div(a, b), 'int32'), exact for |a| < 2^24",
    tolerance: (args) => (args[0]?.tensor?.dtype === 'int32' ? exact() : elementwise()),
    run(args) {
      const a = tensorAt(args, 0);
      const b = tensorAt(args, 1);
      return a.dtype === 'int32' && b.dtype === 'int32' ? cast(div(a, b), 'int32') : div(a, b);
    },
  },
  Pow: {
    libml:
      "pow; an int32 base with a float32 exponent (ONNX keeps the base's type): cast(pow(a, b), 'int32')",
    tolerance: (args) => (args[0]?.tensor?.dtype === 'int32' ? exact() : elementwise()),
    run(args) {
      const a = tensorAt(args, 0);
      const y = pow(a, tensorAt(args, 1));
      return a.dtype === 'int32' && y.dtype !== 'int32' ? cast(y, 'int32') : y;
    },
  },
  Elu: {
    libml: 'elu(x, alpha)',
    tolerance: elementwise,
    run: (args, attrs) => elu(tensorAt(args, 0), float(attrs, 'alpha', 1)),
  },
  LeakyRelu: {
    libml: 'leakyRelu(x, alpha)',
    tolerance: elementwise,
    run: (args, attrs) => leakyRelu(tensorAt(args, 0), float(attrs, 'alpha', 0.01)),
  },
  Gelu: {
    libml: "gelu(x, { approximate: 'none' | 'tanh' })",
    tolerance: elementwise,
    run: (args, attrs) =>
      gelu(tensorAt(args, 0), { approximate: (attrs.approximate as 'none' | 'tanh' | undefined) ?? 'none' }),
  },
  Clip: {
    libml: 'clip(x, min, max), either bound optional',
    tolerance: exact,
    run: (args) => clip(tensorAt(args, 0), optional(args, 1), optional(args, 2)),
  },
  Where: {
    libml: 'where(condition, x, y)',
    tolerance: exact,
    run: (args) => where(tensorAt(args, 0), tensorAt(args, 1), tensorAt(args, 2)),
  },
  Softmax: softmaxLike(softmax, 'softmax(x, axis)'),
  LogSoftmax: softmaxLike(logSoftmax, 'logSoftmax(x, axis)'),
  MatMul: {
    libml: 'matmul',
    tolerance: (args) => {
      const a = args[0]!.shape;
      return { cls: 'reduction', length: a[a.length - 1] };
    },
    run: (args) => matmul(tensorAt(args, 0), tensorAt(args, 1)),
  },
  Gemm: {
    libml: 'alpha * matmul(A, B, { transposeA, transposeB }) + beta * C',
    tolerance: (args, attrs) => {
      const a = args[0]!.shape;
      return { cls: 'reduction', length: (int(attrs, 'transA', 0) ? a[0] : a[1]) + 2 };
    },
    run(args, attrs) {
      const alpha = float(attrs, 'alpha', 1);
      const beta = float(attrs, 'beta', 1);
      let y = matmul(tensorAt(args, 0), tensorAt(args, 1), {
        transposeA: int(attrs, 'transA', 0) === 1,
        transposeB: int(attrs, 'transB', 0) === 1,
      });
      if (alpha !== 1) y = mul(y, alpha);
      const c = optional(args, 2);
      if (c) y = add(y, beta === 1 ? c : mul(c, beta));
      return y;
    },
  },
  ReduceSum: reduction(sum, 'sum(x, axes, keepDims)', 'reduction'),
  ReduceMean: reduction(reduceMean, 'reduceMean(x, axes, keepDims)', 'reduction'),
  ReduceMax: reduction(
    (x, axes, keepDims) => {
      const y = max(x, axes, keepDims);
      return x.dtype === 'bool' ? cast(y, 'bool') : y;
    },
    "max(x, axes, keepDims); bool data (libml's max counts it as int32): cast(max(x), 'bool')",
    'exact',
  ),
  BatchNormalization: {
    libml:
      "batchNorm(x, { scale, offset, runningMean, runningVariance, training, momentum, epsilon, convention: 'onnx' })",
    tolerance: (args) => {
      const x = args[0]!.shape;
      return { cls: 'reduction', length: size(x) / x[1] };
    },
    run(args, attrs) {
      const training = int(attrs, 'training_mode', 0) === 1;
      const r = batchNorm(tensorAt(args, 0), {
        scale: tensorAt(args, 1),
        offset: tensorAt(args, 2),
        runningMean: tensorAt(args, 3),
        runningVariance: tensorAt(args, 4),
        training,
        momentum: float(attrs, 'momentum', 0.9),
        epsilon: float(attrs, 'epsilon', 1e-5),
        convention: 'onnx',
      });
      return training ? [r.y, r.runningMean!, r.runningVariance!] : [r.y];
    },
  },
  Conv: conv,
  ConvTranspose: convTranspose,
  MaxPool: maxPool,
  AveragePool: averagePool,
  Transpose: {
    libml: 'transpose(x, perm), default perm reversed',
    tolerance: exact,
    run(args, attrs) {
      const x = tensorAt(args, 0);
      return transpose(x, ints(attrs, 'perm') ?? x.shape.map((_, i) => x.rank - 1 - i));
    },
  },
  Reshape: {
    libml: 'reshape(x, shape), a 0 in shape copying the input dimension unless allowzero',
    tolerance: exact,
    run(args, attrs) {
      const x = tensorAt(args, 0);
      const shape = args[1]!.values!;
      const allowZero = int(attrs, 'allowzero', 0) === 1;
      return reshape(
        x,
        shape.map((d, i) => (d === 0 && !allowZero ? x.shape[i] : d)),
      );
    },
  },
  Concat: {
    libml: 'concat(inputs, axis)',
    tolerance: exact,
    run: (args, attrs) =>
      concat(
        args.map((a) => a!.tensor!),
        int(attrs, 'axis', 0),
      ),
  },
};
