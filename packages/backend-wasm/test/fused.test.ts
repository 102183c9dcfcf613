// The fused kernels of jit (fusedElementwise, fusedMatmul) on programs built by hand, against the same
// ops run one by one through @libml/core's public ops on the wasm backend: every result must be
// bit-identical (each instruction runs the primitive kernel's own row code). Both on one thread and on
// two (a threshold of 0 splits even small programs into per-thread runs of chunks).

import {
  abs,
  add,
  cast,
  cos,
  type DType,
  div,
  type ElementwiseInstruction,
  type ElementwiseProgram,
  equal,
  erf,
  exp,
  less,
  log,
  matmul,
  maximum,
  mul,
  pow,
  registerBackend,
  setBackend,
  sin,
  sqrt,
  type Tensor,
  tanh,
  tensor,
  tidy,
  where,
} from '@libml/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WasmBackend } from '../src/index.js';

function seeded(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32 - 0.5) * 2 * scale;
  }
  return out;
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function prog(instructions: ElementwiseInstruction[], outputs: number[]): ElementwiseProgram {
  return { instructions, outputs, key: JSON.stringify([instructions, outputs]) };
}

const inp = (input: number, dtype: DType = 'float32'): ElementwiseInstruction => ({
  op: 'input',
  dtype,
  input,
});
const cst = (value: number, dtype: DType = 'float32'): ElementwiseInstruction => ({
  op: 'const',
  dtype,
  value,
});
const un = (
  op: 'abs' | 'exp' | 'log' | 'sqrt' | 'sin' | 'cos' | 'tanh' | 'erf',
  a: number,
  dtype: DType = 'float32',
): ElementwiseInstruction => ({
  op,
  dtype,
  args: [a],
});
const bin = (
  op: 'add' | 'mul' | 'div' | 'pow' | 'maximum' | 'equal' | 'less',
  a: number,
  b: number,
  dtype: DType = 'float32',
): ElementwiseInstruction => ({ op, dtype, args: [a, b] });
const castTo = (a: number, dtype: DType): ElementwiseInstruction => ({ op: 'cast', dtype, args: [a] });
const sel = (c: number, a: number, b: number, dtype: DType = 'float32'): ElementwiseInstruction => ({
  op: 'where',
  dtype,
  args: [c, a, b],
});

let single: WasmBackend;
let threaded: WasmBackend;

beforeAll(async () => {
  single = new WasmBackend({ threads: 1, simd: 'baseline' }, 'wasm-fused-1');
  threaded = new WasmBackend({ threads: 2, simd: 'baseline', minParallelWork: 0 }, 'wasm-fused-2');
  registerBackend('wasm-fused-1', () => single, 0);
  registerBackend('wasm-fused-2', () => threaded, 0);
  await single.ready();
  await threaded.ready();
});

afterAll(() => threaded.terminateThreads());

/** Runs a fused kernel directly and returns its outputs' values (storage freed again). */
function runKernel(
  backend: WasmBackend,
  name: 'fusedElementwise' | 'fusedMatmul',
  inputs: readonly Tensor[],
  attrs: unknown,
  outputs: { shape: number[]; dtype: DType }[],
) {
  const kernel = backend.kernels[name] as unknown as (
    i: readonly { shape: readonly number[]; dtype: DType; dataId: unknown }[],
    a: unknown,
    o: readonly { shape: readonly number[]; dtype: DType }[],
  ) => unknown[];
  const before = backend.memory();
  const ids = kernel(
    inputs.map((t) => ({ shape: t.shape, dtype: t.dtype, dataId: t.dataId })),
    attrs,
    outputs,
  );
  const values = ids.map((id) => backend.readSync(id as never));
  // Only the outputs remain (the product and scratch are freed).
  expect(backend.memory().buffers).toBe(before.buffers + outputs.length);
  for (const id of ids) backend.dispose(id as never);
  return values;
}

function expectSame(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]) && !(Number.isNaN(actual[i]) && Number.isNaN(expected[i]))) {
      throw new Error(`${label}: [${i}] got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

interface ElementwiseCase {
  readonly name: string;
  readonly inputs: readonly { shape: number[]; dtype?: DType; values?: number[]; scale?: number }[];
  readonly program: ElementwiseProgram;
  readonly shape: number[];
  /** The same computation through core's public ops. */
  readonly eager: (xs: Tensor[]) => Tensor[];
}

const NAN_VALUES = [Number.NaN, 1, -2, 3.5, Infinity, -Infinity, 0, -0];

const CASES: ElementwiseCase[] = [
  {
    name: 'unary_chain',
    inputs: [{ shape: [33, 17] }],
    // exp(sin(x)) * 2 + 1
    program: prog(
      [inp(0), un('sin', 0), un('exp', 1), cst(2), bin('mul', 2, 3), cst(1), bin('add', 4, 5)],
      [6],
    ),
    shape: [33, 17],
    eager: ([x]) => [add(mul(exp(sin(x)), 2), 1)],
  },
  {
    name: 'transcendentals',
    inputs: [{ shape: [7, 9], scale: 3 }],
    // tanh(x) + log(sqrt(|x|)) * cos(x) + erf(x)
    program: prog(
      [
        inp(0),
        un('tanh', 0),
        un('abs', 0),
        un('sqrt', 2),
        un('log', 3),
        un('cos', 0),
        bin('mul', 4, 5),
        bin('add', 1, 6),
        un('erf', 0),
        bin('add', 7, 8),
      ],
      [9],
    ),
    shape: [7, 9],
    eager: ([x]) => [add(add(tanh(x), mul(log(sqrt(abs(x))), cos(x))), erf(x))],
  },
  {
    name: 'broadcast_three_ways',
    inputs: [{ shape: [5, 1, 7] }, { shape: [4, 1] }, { shape: [7] }],
    // (x + y) * (z + x * -1) / y
    program: prog(
      [
        inp(0),
        inp(1),
        inp(2),
        bin('add', 0, 1),
        cst(-1),
        bin('mul', 0, 4),
        bin('add', 2, 5),
        bin('mul', 3, 6),
        bin('div', 7, 1),
      ],
      [8],
    ),
    shape: [5, 4, 7],
    eager: ([x, y, z]) => [div(mul(add(x, y), add(z, mul(x, -1))), y)],
  },
  {
    name: 'scalars',
    inputs: [{ shape: [] }, { shape: [] }],
    program: prog([inp(0), inp(1), bin('mul', 0, 1), cst(3), bin('add', 2, 3)], [4]),
    shape: [],
    eager: ([x, y]) => [add(mul(x, y), 3)],
  },
  {
    name: 'int32_wraparound',
    inputs: [
      { shape: [7], dtype: 'int32', values: [2 ** 30, -(2 ** 30), 46341, -7, 0, 2 ** 31 - 1, -5] },
      { shape: [7], dtype: 'int32', values: [4, 3, 46341, 3, 9, 2, -1] },
    ],
    // a * b + pow(b, 3), |a|, max(a, b)
    program: prog(
      [
        inp(0, 'int32'),
        inp(1, 'int32'),
        bin('mul', 0, 1, 'int32'),
        cst(3, 'int32'),
        bin('pow', 1, 3, 'int32'),
        bin('add', 2, 4, 'int32'),
        un('abs', 0, 'int32'),
        bin('maximum', 0, 1, 'int32'),
      ],
      [5, 6, 7],
    ),
    shape: [7],
    eager: ([a, b]) => [add(mul(a, b), pow(b, tensor(3, [], 'int32'))), abs(a), maximum(a, b)],
  },
  {
    name: 'compare_where_nan',
    inputs: [{ shape: [2, 8], values: [...NAN_VALUES, ...NAN_VALUES.map((v) => v * 0.5)] }, { shape: [8] }],
    // where(x < y, x * 2, y + -1), x == y
    program: prog(
      [
        inp(0),
        inp(1),
        bin('less', 0, 1, 'bool'),
        cst(2),
        bin('mul', 0, 3),
        cst(-1),
        bin('add', 1, 5),
        sel(2, 4, 6),
        bin('equal', 0, 1, 'bool'),
      ],
      [7, 8],
    ),
    shape: [2, 8],
    eager: ([x, y]) => [where(less(x, y), mul(x, 2), add(y, -1)), equal(x, y)],
  },
  {
    name: 'casts',
    inputs: [{ shape: [3, 11], scale: 4 }],
    // float(int(x * 3.7)) + float(0 < x); int(x * 3.7); bool(x * 3.7); int(bool)
    program: prog(
      [
        inp(0),
        cst(3.7),
        bin('mul', 0, 1),
        castTo(2, 'int32'),
        castTo(3, 'float32'),
        cst(0),
        bin('less', 5, 0, 'bool'),
        castTo(6, 'float32'),
        bin('add', 4, 7),
        castTo(2, 'bool'),
        castTo(6, 'int32'),
        castTo(3, 'int32'),
      ],
      [8, 3, 9, 10, 11],
    ),
    shape: [3, 11],
    eager: ([x]) => {
      const y = mul(x, 3.7);
      const i = cast(y, 'int32');
      return [
        add(cast(i, 'float32'), cast(less(0, x), 'float32')),
        i,
        cast(y, 'bool'),
        cast(less(0, x), 'int32'),
        i,
      ];
    },
  },
  {
    name: 'maximum_nan_inf',
    inputs: [
      { shape: [8], values: NAN_VALUES },
      { shape: [8], values: [1, Number.NaN, 3, -Infinity, 2, -0, 0, Infinity] },
    ],
    program: prog(
      [inp(0), inp(1), bin('maximum', 0, 1), cst(0.5), bin('maximum', 1, 3), bin('mul', 2, 4)],
      [5],
    ),
    shape: [8],
    eager: ([x, y]) => [mul(maximum(x, y), maximum(y, 0.5))],
  },
  {
    name: 'outputs_that_are_inputs_and_repeats',
    inputs: [{ shape: [4, 5] }, { shape: [5] }],
    // outputs: x, y broadcast, x + y twice, a constant
    program: prog([inp(0), inp(1), bin('add', 0, 1), cst(-2.5)], [0, 1, 2, 2, 3]),
    shape: [4, 5],
    eager: ([x, y]) => {
      const s = add(x, y);
      return [x, add(y, mul(x, 0)), s, s, add(mul(x, 0), -2.5)];
    },
  },
  {
    name: 'bool_where_and_compare',
    inputs: [
      { shape: [3, 4], dtype: 'bool', values: [1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0] },
      { shape: [4], dtype: 'bool', values: [0, 1, 1, 0] },
      { shape: [3, 1], dtype: 'int32', values: [5, -6, 7] },
    ],
    // where(a, b, a == b), where(b, c, c * c)
    program: prog(
      [
        inp(0, 'bool'),
        inp(1, 'bool'),
        bin('equal', 0, 1, 'bool'),
        sel(0, 1, 2, 'bool'),
        inp(2, 'int32'),
        bin('mul', 4, 4, 'int32'),
        sel(1, 4, 5, 'int32'),
      ],
      [3, 6],
    ),
    shape: [3, 4],
    eager: ([a, b, c]) => [where(a, b, equal(a, b)), where(b, c, mul(c, c))],
  },
  {
    name: 'many_chunks_broadcast',
    // Several chunks, a broadcast row and column whose walks cross chunk boundaries, a scalar.
    inputs: [{ shape: [37, 301] }, { shape: [301] }, { shape: [37, 1] }, { shape: [] }],
    program: prog(
      [
        inp(0),
        inp(1),
        inp(2),
        inp(3),
        bin('mul', 0, 1),
        bin('add', 4, 2),
        un('exp', 5),
        bin('maximum', 6, 3),
        un('tanh', 0),
        bin('less', 8, 2, 'bool'),
        sel(9, 7, 8),
      ],
      [10, 7],
    ),
    shape: [37, 301],
    eager: ([x, r, c, s]) => {
      const m = maximum(exp(add(mul(x, r), c)), s);
      return [where(less(tanh(x), c), m, tanh(x)), m];
    },
  },
];

function makeInputs(c: ElementwiseCase, seed: number): Tensor[] {
  return c.inputs.map((spec, i) => {
    const dtype = spec.dtype ?? 'float32';
    const values = spec.values ?? Array.from(seeded(size(spec.shape), seed * 31 + i, spec.scale ?? 1));
    return tensor(values, spec.shape, dtype);
  });
}

describe.each([
  ['one thread', () => single],
  ['two threads', () => threaded],
])('fusedElementwise (%s)', (_label, backendOf) => {
  for (const c of CASES) {
    test(c.name, async () => {
      const backend = backendOf();
      await setBackend(backend.name);
      tidy(() => {
        const xs = makeInputs(c, 7);
        const expected = c.eager(xs);
        const got = runKernel(
          backend,
          'fusedElementwise',
          xs,
          { program: c.program },
          expected.map((t) => ({ shape: [...c.shape], dtype: t.dtype })),
        );
        expected.forEach((t, k) => {
          expect(t.shape).toEqual(c.shape);
          expectSame(got[k], t.dataSync(), `${c.name} output ${k}`);
        });
      });
    });
  }
});

interface MatmulCase {
  readonly name: string;
  readonly a: number[];
  readonly b: number[];
  readonly extras: number[][];
  readonly transposeA?: boolean;
  readonly transposeB?: boolean;
  readonly epilogue: ElementwiseProgram;
  readonly eager: (p: Tensor, extras: Tensor[]) => Tensor[];
}

const MATMUL_CASES: MatmulCase[] = [
  {
    name: 'bias_relu',
    a: [37, 19],
    b: [19, 23],
    extras: [[23]],
    epilogue: prog([inp(0), inp(1), bin('add', 0, 1), cst(0), bin('maximum', 2, 3)], [4]),
    eager: (p, [bias]) => [maximum(add(p, bias), 0)],
  },
  {
    name: 'transposed_scaled',
    a: [19, 8],
    b: [21, 19],
    extras: [[8, 1]],
    transposeA: true,
    transposeB: true,
    epilogue: prog([inp(0), inp(1), bin('mul', 0, 1)], [2]),
    eager: (p, [s]) => [mul(p, s)],
  },
  {
    name: 'batch_broadcast_two_outputs',
    a: [2, 1, 5, 6],
    b: [3, 6, 4],
    extras: [[4]],
    epilogue: prog([inp(0), inp(1), bin('add', 0, 1), un('tanh', 2)], [2, 3]),
    eager: (p, [bias]) => {
      const z = add(p, bias);
      return [z, tanh(z)];
    },
  },
  {
    name: 'large_threaded_gemm_product_output',
    a: [96, 130],
    b: [130, 72],
    extras: [[96, 1], [72]],
    // the product itself, and sigmoid-like 1 / (1 + exp(-(p * s + t)))
    epilogue: prog(
      [
        inp(0),
        inp(1),
        inp(2),
        bin('mul', 0, 1),
        bin('add', 3, 2),
        cst(-1),
        bin('mul', 4, 5),
        un('exp', 6),
        cst(1),
        bin('add', 7, 8),
        bin('div', 8, 9),
      ],
      [0, 10],
    ),
    eager: (p, [s, t]) => [p, div(1, add(exp(mul(add(mul(p, s), t), -1)), 1))],
  },
];

describe.each([
  ['one thread', () => single],
  ['two threads', () => threaded],
])('fusedMatmul (%s)', (_label, backendOf) => {
  for (const c of MATMUL_CASES) {
    test(c.name, async () => {
      const backend = backendOf();
      await setBackend(backend.name);
      tidy(() => {
        const a = tensor(seeded(size(c.a), 3), c.a);
        const b = tensor(seeded(size(c.b), 4), c.b);
        const extras = c.extras.map((s, i) => tensor(seeded(size(s), 5 + i), s));
        const product = matmul(a, b, {
          transposeA: c.transposeA ?? false,
          transposeB: c.transposeB ?? false,
        });
        const expected = c.eager(product, extras);
        const got = runKernel(
          backend,
          'fusedMatmul',
          [a, b, ...extras],
          { transposeA: c.transposeA ?? false, transposeB: c.transposeB ?? false, epilogue: c.epilogue },
          expected.map((t) => ({ shape: [...product.shape], dtype: t.dtype })),
        );
        expected.forEach((t, k) => {
          expectSame(got[k], t.dataSync(), `${c.name} output ${k}`);
        });
      });
    });
  }
});

test('the fused kernels are registered', () => {
  expect(typeof single.kernels.fusedElementwise).toBe('function');
  expect(typeof single.kernels.fusedMatmul).toBe('function');
});
