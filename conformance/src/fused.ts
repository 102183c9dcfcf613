// The fused-kernel cases: programs jit hands a backend's `fusedElementwise` and `fusedMatmul` (chains with
// broadcasting, int32 wrap-around, comparisons and where, casts, NaN and infinities, several outputs,
// matmul epilogues with transposes and batch broadcasting). Each runs under jit and must match the same
// function run eagerly, kernel by kernel, on the same backend; and the fused kernel must really have run.

import {
  add,
  cast,
  conv2d,
  exp,
  gelu,
  greater,
  type JitStats,
  jit,
  less,
  matmul,
  maximum,
  mul,
  pow,
  relu,
  reshape,
  sigmoid,
  sin,
  sqrt,
  sub,
  type Tensor,
  tanh,
  where,
} from '@libml/core';
import type { InputSpec } from './types.js';

export interface FusedCase {
  readonly name: string;
  readonly inputs: readonly InputSpec[];
  readonly run: (xs: readonly Tensor[]) => Tensor | readonly Tensor[];
  /** Which fused kernel the case exercises. */
  readonly kernel: 'fusedElementwise' | 'fusedMatmul' | 'fusedConv2d';
  /** Transcendental ops inside: compared with a few ULP more room (fused code may evaluate differently). */
  readonly transcendental?: boolean;
}

const f32 = (shape: number[], kind: InputSpec['kind'] = 'normal'): InputSpec => ({ shape, kind });

export const FUSED_CASES: readonly FusedCase[] = [
  {
    name: 'unary_chain',
    kernel: 'fusedElementwise',
    transcendental: true,
    inputs: [f32([33, 17])],
    run: ([x]) => add(mul(exp(sin(x)), 2), 1),
  },
  {
    name: 'broadcast_three_ways',
    kernel: 'fusedElementwise',
    inputs: [f32([5, 1, 7]), f32([4, 1]), f32([7])],
    run: ([x, y, z]) => mul(add(x, y), sub(z, x)),
  },
  {
    name: 'scalars',
    kernel: 'fusedElementwise',
    inputs: [f32([]), f32([])],
    run: ([x, y]) => add(mul(x, y), 3),
  },
  {
    name: 'int32_wraparound',
    kernel: 'fusedElementwise',
    inputs: [
      { shape: [6], dtype: 'int32', values: [2 ** 30, -(2 ** 30), 46341, -7, 0, 2 ** 31 - 1] },
      { shape: [6], dtype: 'int32', values: [4, 3, 46341, 3, 9, 2] },
    ],
    run: ([a, b]) => add(mul(a, b), pow(b, 3)),
  },
  {
    name: 'compare_where_nan',
    kernel: 'fusedElementwise',
    inputs: [{ shape: [2, 4], values: [Number.NaN, 1, -2, 3.5, Infinity, -Infinity, 0, -0] }, f32([4])],
    run: ([x, y]) => where(less(x, y), mul(x, 2), sub(y, 1)),
  },
  {
    name: 'casts',
    kernel: 'fusedElementwise',
    inputs: [f32([3, 11], 'uniform')],
    run: ([x]) => add(cast(cast(mul(x, 3.7), 'int32'), 'float32'), cast(greater(x, 0), 'float32')),
  },
  {
    name: 'maximum_nan_inf',
    kernel: 'fusedElementwise',
    inputs: [
      { shape: [8], values: [Number.NaN, 1, -1, Infinity, -Infinity, 0, -0, 2] },
      { shape: [8], values: [1, Number.NaN, 3, -Infinity, 2, -0, 0, Infinity] },
    ],
    run: ([x, y]) => mul(maximum(x, y), maximum(y, 0.5)),
  },
  {
    name: 'many_inputs',
    kernel: 'fusedElementwise',
    inputs: Array.from({ length: 9 }, (_, i) => f32(i % 3 === 0 ? [3, 5] : i % 3 === 1 ? [5] : [3, 1])),
    run: (xs) => xs.slice(1).reduce((acc, x, i) => (i % 2 === 0 ? add(acc, x) : mul(acc, x)), xs[0]),
  },
  {
    name: 'two_outputs',
    kernel: 'fusedElementwise',
    transcendental: true,
    inputs: [f32([17, 3])],
    run: ([x]) => {
      const y = tanh(mul(x, 0.5));
      return [y, sub(mul(y, y), sqrt(add(mul(x, x), 1)))];
    },
  },
  {
    name: 'decomposed_activations',
    kernel: 'fusedElementwise',
    transcendental: true,
    inputs: [f32([9, 13])],
    run: ([x]) => mul(sigmoid(x), gelu(x)),
  },
  {
    name: 'matmul_bias_relu',
    kernel: 'fusedMatmul',
    inputs: [f32([37, 19]), f32([19, 23]), f32([23])],
    run: ([a, b, bias]) => relu(add(matmul(a, b), bias)),
  },
  {
    name: 'matmul_transposed_scaled',
    kernel: 'fusedMatmul',
    inputs: [f32([19, 8]), f32([21, 19]), f32([8, 1])],
    run: ([a, b, s]) => mul(matmul(a, b, { transposeA: true, transposeB: true }), s),
  },
  {
    name: 'matmul_batch_broadcast_two_outputs',
    kernel: 'fusedMatmul',
    transcendental: true,
    inputs: [f32([2, 1, 5, 6]), f32([3, 6, 4]), f32([4])],
    run: ([a, b, bias]) => {
      const z = add(matmul(a, b), bias);
      return [z, tanh(z)];
    },
  },
  {
    name: 'conv2d_bias_relu_nchw',
    kernel: 'fusedConv2d',
    inputs: [f32([2, 3, 7, 6]), f32([4, 3, 3, 3]), f32([4])],
    run: ([x, w, bias]) => relu(add(conv2d(x, w, { padding: 'same' }), reshape(bias, [4, 1, 1]))),
  },
  {
    name: 'conv2d_strided_nhwc_scaled_two_outputs',
    kernel: 'fusedConv2d',
    transcendental: true,
    inputs: [f32([1, 9, 8, 2]), f32([3, 3, 2, 5]), f32([5])],
    run: ([x, w, s]) => {
      const z = mul(conv2d(x, w, { strides: 2, padding: 'valid', dataFormat: 'NHWC' }), s);
      return [z, sigmoid(z)];
    },
  },
];

/** Runs a case under jit (trace, then replay) and returns the replay's outputs and the pass statistics. */
export function runFusedCase(
  c: FusedCase,
  inputs: readonly Tensor[],
): { outputs: Tensor[]; stats: JitStats } {
  const f = jit((...xs: Tensor[]) => {
    const out = c.run(xs);
    return Array.isArray(out) ? [...out] : [out as Tensor];
  });
  try {
    for (const t of f(...inputs)) t.dispose();
    const outputs = f(...inputs);
    return { outputs, stats: f.stats() as JitStats };
  } finally {
    f.dispose();
  }
}

export function eagerOutputs(c: FusedCase, inputs: readonly Tensor[]): Tensor[] {
  const out = c.run(inputs);
  return Array.isArray(out) ? [...out] : [out as Tensor];
}
