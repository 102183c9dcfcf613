// jit's fused kernels and batch(): programs built by hand, each instruction also run one by one through
// core's public ops on webgpu (the primitive kernels), and the fused kernel must give the same values;
// plus the binding limit as a typed error, fusedMatmul and fusedConv2d epilogues (both GEMM strategies),
// and batch() making one submit.

import * as ml from '@libml/core';
import { BackendError, type DType, type ElementwiseInstruction, type ElementwiseProgram } from '@libml/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerWebGpuBackend, type WebGpuBackend } from '../src/index.js';
import { useWebGpu } from './setup.js';

const backend = await useWebGpu();
const gpu = backend.gpu();

type Unary = 'abs' | 'exp' | 'log' | 'sqrt' | 'sin' | 'cos' | 'tanh' | 'erf';
type Binary = 'add' | 'mul' | 'div' | 'pow' | 'maximum' | 'equal' | 'less';
const UNARY: Record<Unary, (x: ml.Tensor) => ml.Tensor> = {
  abs: ml.abs,
  exp: ml.exp,
  log: ml.log,
  sqrt: ml.sqrt,
  sin: ml.sin,
  cos: ml.cos,
  tanh: ml.tanh,
  erf: ml.erf,
};
const BINARY: Record<Binary, (a: ml.Tensor, b: ml.Tensor) => ml.Tensor> = {
  add: ml.add,
  mul: ml.mul,
  div: ml.div,
  pow: ml.pow,
  maximum: ml.maximum,
  equal: ml.equal,
  less: ml.less,
};

/** Builds a program and, alongside, runs every instruction eagerly with core's ops (the reference). */
class Builder {
  readonly instructions: ElementwiseInstruction[] = [];
  readonly values: ml.Tensor[] = [];
  readonly inputs: ml.Tensor[] = [];
  private push(ins: ElementwiseInstruction, value: ml.Tensor): number {
    expect(value.dtype).toBe(ins.dtype);
    this.instructions.push(ins);
    this.values.push(value);
    return this.instructions.length - 1;
  }
  input(t: ml.Tensor): number {
    this.inputs.push(t);
    return this.push({ op: 'input', dtype: t.dtype, input: this.inputs.length - 1 }, t);
  }
  constant(value: number, dtype: DType = 'float32'): number {
    return this.push({ op: 'const', dtype, value }, ml.tensor([value], [], dtype));
  }
  unary(op: Unary, a: number): number {
    const v = UNARY[op](this.values[a]);
    return this.push({ op, dtype: v.dtype, args: [a] }, v);
  }
  binary(op: Binary, a: number, b: number): number {
    const v = BINARY[op](this.values[a], this.values[b]);
    return this.push({ op, dtype: v.dtype, args: [a, b] }, v);
  }
  where(c: number, a: number, b: number): number {
    const v = ml.where(this.values[c], this.values[a], this.values[b]);
    return this.push({ op: 'where', dtype: v.dtype, args: [c, a, b] }, v);
  }
  cast(a: number, dtype: DType): number {
    const v = ml.cast(this.values[a], dtype);
    return this.push({ op: 'cast', dtype, args: [a] }, v);
  }
  program(outputs: number[]): ElementwiseProgram {
    return { instructions: this.instructions, outputs, key: JSON.stringify([this.instructions, outputs]) };
  }
}

async function read(id: ml.DataId): Promise<number[]> {
  return Array.from(await backend.read(id));
}

/** Same values: bitwise for int32 and bool, within 2 ulp for float32 (NaN matches NaN, signs of zeros and infinities exact). */
function expectSame(actual: readonly number[], expected: readonly number[], dtype: DType, what: string) {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    const where = `${what} [${i}]: ${Object.is(a, -0) ? '-0' : a} vs ${Object.is(e, -0) ? '-0' : e}`;
    if (dtype !== 'float32' || !Number.isFinite(e) || e === 0)
      expect(Object.is(a, e) || (a === 0 && e === 0 && dtype !== 'float32'), where).toBe(true);
    else expect(Math.abs(a - e), where).toBeLessThanOrEqual(2 * 2 ** -23 * Math.abs(e));
  });
}

/** Runs `program` through fusedElementwise and compares every output with the builder's eager values. */
async function check(b: Builder, outputs: number[], shape: number[]) {
  const program = b.program(outputs);
  const specs = outputs.map((o) => ({ shape, dtype: b.instructions[o].dtype }));
  const infos = b.inputs.map((t) => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }));
  const before = backend.memory();
  const ids = backend.kernels.fusedElementwise!(infos, { program }, specs);
  expect(backend.memory().buffers).toBe(before.buffers + outputs.length);
  for (let k = 0; k < outputs.length; k++) {
    const eager = b.values[outputs[k]];
    expect(eager.shape, 'test setup: outputs have the output shape').toEqual(shape);
    expectSame(await read(ids[k]), Array.from(await eager.data()), specs[k].dtype, `output ${k}`);
    backend.dispose(ids[k]);
  }
  expect(backend.memory()).toEqual(before);
}

const f32 = (values: number[], shape: number[]) => ml.tensor(Float32Array.from(values), shape, 'float32');
const i32 = (values: number[], shape: number[]) => ml.tensor(Int32Array.from(values), shape, 'int32');
const seq = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

const scope: ml.Tensor[] = [];
afterAll(() => ml.dispose(scope));

describe('fusedElementwise', () => {
  test('every float unary and binary primitive, broadcast three ways, constants with NaN, Inf and -0', async () => {
    const b = new Builder();
    const x = b.input(
      f32(
        seq(35, (i) => (i - 17) / 5),
        [5, 1, 7],
      ),
    );
    const y = b.input(
      f32(
        seq(4, (i) => i * 0.75 - 1),
        [4, 1],
      ),
    );
    const z = b.input(f32([0.5, 2, Number.NaN, -1, 3, 0, Number.POSITIVE_INFINITY], [7]));
    const s = b.binary('add', b.binary('mul', x, y), z); // [5, 4, 7]
    const u = (op: Unary, a: number) => b.unary(op, a);
    const t1 = u('erf', u('tanh', u('cos', u('sin', s))));
    const t2 = u('sqrt', u('abs', u('log', u('exp', s))));
    const t3 = b.binary('pow', b.binary('maximum', s, b.constant(Number.NaN)), b.constant(2));
    const t4 = b.binary(
      'div',
      b.binary('maximum', x, b.constant(-0)),
      b.binary('add', y, b.constant(-Infinity)),
    );
    const t5 = b.binary('pow', b.unary('abs', s), b.binary('mul', z, b.constant(0.5)));
    await check(b, [s, t1, t2, t3, t4, t5], [5, 4, 7]);
  });
  test('int32: wrap-around, integer pow, abs of the minimum, comparisons, casts both ways', async () => {
    const b = new Builder();
    const big = [2 ** 30, -(2 ** 30), 46341, -7, 0, 2 ** 31 - 1, -(2 ** 31), 5];
    const x = b.input(i32(big, [8]));
    const y = b.input(i32([4, 3, 46341, 3, 9, 2, 1, -1], [8]));
    const wrap = b.binary('add', b.binary('mul', x, y), b.binary('pow', y, b.constant(3, 'int32')));
    const a = b.unary('abs', x);
    const mx = b.binary('maximum', x, b.constant(-(2 ** 31), 'int32'));
    const eq = b.binary('equal', x, y);
    const lt = b.binary('less', wrap, b.constant(0, 'int32'));
    const asF = b.cast(wrap, 'float32');
    const back = b.cast(b.binary('mul', asF, b.constant(1.7)), 'int32');
    await check(b, [wrap, a, mx, eq, lt, asF, back], [8]);
  });
  test('casts from float32: truncation, out of range and NaN to int32, to bool (NaN is true)', async () => {
    const b = new Builder();
    const v = [1.9, -1.9, 0.5, -0, 3e9, -3e9, 2 ** 31, Number.NaN, Infinity, -Infinity, 1e-30, 7];
    const x = b.input(f32(v, [12]));
    const toInt = b.cast(x, 'int32');
    const toBool = b.cast(x, 'bool');
    const round = b.cast(b.cast(toBool, 'int32'), 'float32');
    const boolInt = b.cast(b.cast(toInt, 'bool'), 'float32');
    await check(b, [toInt, toBool, round, boolInt], [12]);
  });
  test('bool: comparisons with NaN, where with a bool input and broadcast branches', async () => {
    const b = new Builder();
    const x = b.input(f32([Number.NaN, 1, -2, 3.5, Infinity, -Infinity, 0, -0], [2, 4]));
    const y = b.input(f32([1, Number.NaN, 3, 0], [4]));
    const cond = b.input(ml.tensor([true, false], [2, 1], 'bool'));
    const lt = b.binary('less', x, y);
    const eq = b.binary('equal', x, y);
    const w = b.where(lt, b.binary('mul', x, b.constant(2)), b.binary('add', y, b.constant(-1)));
    const w2 = b.where(cond, w, b.cast(eq, 'float32'));
    const w3 = b.where(eq, lt, cond); // bool branches
    await check(b, [lt, eq, w, w2, w3], [2, 4]);
  });
  test('vec4 path: contiguous and single-element inputs, sizes not a multiple of 4', async () => {
    for (const n of [1, 3, 4, 5, 1023]) {
      const b = new Builder();
      const x = b.input(
        f32(
          seq(n, (i) => Math.sin(i) * 3),
          [n],
        ),
      );
      const c = b.input(f32([0.25], [1]));
      const out = b.unary('tanh', b.binary('mul', b.binary('add', x, c), b.constant(1.5)));
      await check(b, [out, b.binary('less', x, c)], [n]);
    }
  });
  test('strided inputs at rank 4 and a scalar (rank-0) output', async () => {
    const b = new Builder();
    const x = b.input(
      f32(
        seq(2 * 3 * 4, (i) => i / 7 - 1),
        [2, 1, 3, 4],
      ),
    );
    const y = b.input(
      f32(
        seq(5 * 4, (i) => (i % 5) - 2),
        [5, 1, 4],
      ),
    );
    const z = b.input(
      f32(
        seq(2, (i) => i + 0.5),
        [2, 1, 1, 1],
      ),
    );
    await check(b, [b.binary('maximum', b.binary('mul', x, y), z)], [2, 5, 3, 4]);
    const s = new Builder();
    const p = s.input(f32([2], []));
    const q = s.input(f32([3], []));
    await check(s, [s.binary('add', s.binary('mul', p, q), s.constant(3))], []);
  });
  test('one pipeline per program, whatever the shape', async () => {
    const make = (n: number) => {
      const b = new Builder();
      const x = b.input(
        f32(
          seq(n, (i) => i),
          [n, 1],
        ),
      );
      const y = b.input(
        f32(
          seq(3, (i) => i),
          [3],
        ),
      );
      b.binary('mul', b.binary('add', x, y), b.constant(2));
      return b;
    };
    await check(make(4), [4], [4, 3]);
    const pipelines = backend.stats().pipelineCache;
    await check(make(9), [4], [9, 3]);
    await check(make(100), [4], [100, 3]);
    expect(backend.stats().pipelineCache).toBe(pipelines);
  });
  test('more storage buffers than a shader stage has: a BackendError, nothing allocated', () => {
    const limit = gpu.limits.maxStorageBuffersPerShaderStage;
    expect(backend.capabilities.fusedBindings).toBe(limit);
    const b = new Builder();
    const xs = seq(limit, () => b.input(f32([1, 2], [2])));
    const sum = xs.slice(1).reduce((acc, x) => b.binary('add', acc, x), xs[0]);
    const program = b.program([sum]);
    const infos = b.inputs.map((t) => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }));
    const before = backend.memory();
    const run = () =>
      backend.kernels.fusedElementwise!(infos, { program }, [{ shape: [2], dtype: 'float32' }]);
    expect(run).toThrow(BackendError);
    expect(run).toThrow(/storage buffers .* over the device's maxStorageBuffersPerShaderStage/);
    expect(backend.memory()).toEqual(before);
  });
});

// Both GEMM strategies: 'lanes' (picked on llvmpipe) and 'shared' (GPUs), forced through `tiles`.
registerWebGpuBackend('webgpu-fused-shared', { tiles: 'gpu' });
for (const name of ['webgpu', 'webgpu-fused-shared'])
  describe(`fusedMatmul on ${name}`, () => {
    let be: WebGpuBackend;
    beforeAll(async () => {
      await ml.setBackend(name);
      be = ml.findBackend(name) as WebGpuBackend;
    });
    afterAll(async () => {
      await ml.setBackend('webgpu');
    });
    /** matmul then an epilogue from `build` (input 0 is the product), fused vs one by one. */
    async function checkMatmul(
      a: ml.Tensor,
      bm: ml.Tensor,
      attrs: { transposeA: boolean; transposeB: boolean },
      extras: ml.Tensor[],
      build: (b: Builder, product: number, extra: number[]) => number[],
    ) {
      const product = ml.matmul(a, bm, attrs);
      const b = new Builder();
      const p = b.input(product);
      const outputs = build(
        b,
        p,
        extras.map((t) => b.input(t)),
      );
      const program = b.program(outputs);
      const shape = product.shape as number[];
      const specs = outputs.map((o) => ({ shape, dtype: b.instructions[o].dtype }));
      const infos = [a, bm, ...extras].map((t) => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }));
      const ids = be.kernels.fusedMatmul!(infos, { ...attrs, epilogue: program }, specs);
      for (let k = 0; k < outputs.length; k++) {
        const eager = b.values[outputs[k]];
        expectSame(
          Array.from(await be.read(ids[k])),
          Array.from(await eager.data()),
          specs[k].dtype,
          `output ${k}`,
        );
        be.dispose(ids[k]);
      }
      ml.dispose([a, bm, ...extras, ...b.values]);
    }
    const rand = (shape: number[], seed: number) =>
      f32(
        seq(
          shape.reduce((x, y) => x * y, 1),
          (i) => Math.sin(i * 12.9898 + seed * 78.233) * 2,
        ),
        shape,
      );

    test('bias and relu (maximum with 0) on a ragged product, one output', async () => {
      await checkMatmul(
        rand([37, 19], 1),
        rand([19, 23], 2),
        { transposeA: false, transposeB: false },
        [rand([23], 3)],
        (b, p, [bias]) => [b.binary('maximum', b.binary('add', p, bias), b.constant(0))],
      );
    });
    test('transposes, a column scale and several outputs of different dtypes', async () => {
      await checkMatmul(
        rand([19, 8], 4),
        rand([21, 19], 5),
        { transposeA: true, transposeB: true },
        [rand([8, 1], 6), rand([8, 21], 7)],
        (b, p, [s, r]) => {
          const z = b.binary('mul', p, s);
          return [z, b.unary('tanh', z), b.binary('less', z, r), b.cast(b.binary('add', z, r), 'int32')];
        },
      );
    });
    test('batch broadcasting, aligned sizes (the vectorised GEMM) and a strided extra input', async () => {
      await checkMatmul(
        rand([2, 1, 8, 16], 8),
        rand([3, 16, 32], 9),
        { transposeA: false, transposeB: false },
        [rand([2, 1, 1, 32], 10), rand([], 11)],
        (b, p, [e, c]) => [
          b.binary('add', b.binary('mul', p, c), b.unary('exp', b.binary('mul', e, b.constant(-0.5)))),
        ],
      );
    });
    test('a larger product (256 x 256) with bias', async () => {
      await checkMatmul(
        rand([256, 256], 12),
        rand([256, 256], 13),
        { transposeA: false, transposeB: false },
        [rand([256], 14)],
        (b, p, [bias]) => [b.binary('add', p, bias)],
      );
    });
  });

// fusedConv2d on both conv strategies: 'lanes' (positions along the invocations, llvmpipe's default) and
// the 'shared' tiles (GPUs, SwiftShader's convolutions), forced through `tiles`.
type ConvOptions = {
  strides?: [number, number];
  padding: [[number, number], [number, number]];
  dilations?: [number, number];
  groups?: number;
  dataFormat?: 'NCHW' | 'NHWC';
};
const convAttrs = (o: ConvOptions): ml.Conv2dAttrs => {
  const dataFormat = o.dataFormat ?? 'NCHW';
  return {
    strides: o.strides ?? [1, 1],
    pads: [o.padding[0][0], o.padding[0][1], o.padding[1][0], o.padding[1][1]],
    dilations: o.dilations ?? [1, 1],
    groups: o.groups ?? 1,
    dataFormat,
    filterFormat: dataFormat === 'NCHW' ? 'OIHW' : 'HWIO',
  };
};
const wave = (shape: number[], seed: number) =>
  f32(
    seq(
      shape.reduce((x, y) => x * y, 1),
      (i) => Math.sin(i * 12.9898 + seed * 78.233) * 2,
    ),
    shape,
  );

for (const name of ['webgpu', 'webgpu-fused-shared'])
  describe(`fusedConv2d on ${name}`, () => {
    let be: WebGpuBackend;
    beforeAll(async () => {
      await ml.setBackend(name);
      be = ml.findBackend(name) as WebGpuBackend;
    });
    afterAll(async () => {
      await ml.setBackend('webgpu');
    });
    /** conv2d then an epilogue from `build` (input 0 is the convolution), fused vs one by one. */
    async function checkConv(
      x: ml.Tensor,
      w: ml.Tensor,
      options: ConvOptions,
      extras: ml.Tensor[],
      build: (b: Builder, conv: number, extra: number[]) => number[],
    ) {
      const conv = ml.conv2d(x, w, options);
      const b = new Builder();
      const c = b.input(conv);
      const outputs = build(
        b,
        c,
        extras.map((t) => b.input(t)),
      );
      const program = b.program(outputs);
      const shape = conv.shape as number[];
      const specs = outputs.map((o) => ({ shape, dtype: b.instructions[o].dtype }));
      const infos = [x, w, ...extras].map((t) => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }));
      const before = be.memory().buffers;
      const ids = be.kernels.fusedConv2d!(infos, { ...convAttrs(options), epilogue: program }, specs);
      expect(be.memory().buffers).toBe(before + outputs.length);
      for (let k = 0; k < outputs.length; k++) {
        const eager = b.values[outputs[k]];
        expect(eager.shape, 'test setup: outputs have the convolution shape').toEqual(shape);
        expectSame(
          Array.from(await be.read(ids[k])),
          Array.from(await eager.data()),
          specs[k].dtype,
          `output ${k}`,
        );
        be.dispose(ids[k]);
      }
      ml.dispose([x, w, ...extras, ...b.values]);
    }
    const relu = (b: Builder, v: number) => b.binary('maximum', v, b.constant(0));

    test('NCHW, same padding, channel bias and relu, positions not in fours', async () => {
      await checkConv(
        wave([2, 3, 7, 5], 1),
        wave([4, 3, 3, 3], 2),
        {
          padding: [
            [1, 1],
            [1, 1],
          ],
        },
        [wave([4, 1, 1], 3)],
        (b, c, [bias]) => [relu(b, b.binary('add', c, bias))],
      );
    });
    test('NCHW, aligned sizes (vector loads and stores of the plain conv), bias and a scalar scale', async () => {
      await checkConv(
        wave([2, 8, 8, 8], 4),
        wave([8, 8, 3, 3], 5),
        {
          padding: [
            [1, 1],
            [1, 1],
          ],
        },
        [wave([8, 1, 1], 6), wave([], 7)],
        (b, c, [bias, s]) => [b.binary('mul', relu(b, b.binary('add', c, bias)), s)],
      );
    });
    test('NHWC, stride 2, valid: a scale, several outputs of different dtypes, a same-shaped input', async () => {
      const x = wave([1, 11, 8, 2], 8);
      const shape = [1, 5, 3, 5];
      await checkConv(
        x,
        wave([3, 3, 2, 5], 9),
        {
          strides: [2, 2],
          padding: [
            [0, 0],
            [0, 0],
          ],
          dataFormat: 'NHWC',
        },
        [wave([5], 10), wave(shape, 11)],
        (b, c, [s, r]) => {
          const z = b.binary('mul', c, s);
          return [z, b.unary('tanh', z), b.binary('less', z, r), b.cast(b.binary('add', z, r), 'int32')];
        },
      );
    });
    test('NCHW, groups 2, dilation 2, stride (2, 1), asymmetric padding, a per-position input', async () => {
      await checkConv(
        wave([2, 4, 9, 10], 12),
        wave([6, 2, 3, 2], 13),
        {
          strides: [2, 1],
          padding: [
            [2, 1],
            [0, 3],
          ],
          dilations: [2, 2],
          groups: 2,
        },
        [wave([6, 1, 1], 14), wave([2, 1, 4, 1], 15)],
        (b, c, [bias, e]) => [b.binary('add', b.binary('mul', c, e), bias)],
      );
    });
    test('NHWC, groups 2 with channels in fours, stride 2, same padding, bias and exp', async () => {
      await checkConv(
        wave([2, 7, 6, 8], 16),
        wave([3, 3, 4, 8], 17),
        {
          strides: [2, 2],
          padding: [
            [1, 1],
            [1, 1],
          ],
          groups: 2,
          dataFormat: 'NHWC',
        },
        [wave([8], 18)],
        (b, c, [bias]) => [b.unary('exp', b.binary('mul', b.binary('add', c, bias), b.constant(-0.25)))],
      );
    });
    test('a larger convolution ([4, 16, 16, 16] x [32, 16, 3, 3]) with bias and relu', async () => {
      await checkConv(
        wave([4, 16, 16, 16], 19),
        wave([32, 16, 3, 3], 20),
        {
          padding: [
            [1, 1],
            [1, 1],
          ],
        },
        [wave([32, 1, 1], 21)],
        (b, c, [bias]) => [relu(b, b.binary('add', c, bias))],
      );
    });
    test('more storage buffers than a shader stage has: a BackendError, nothing allocated', () => {
      const limit = be.gpu().limits.maxStorageBuffersPerShaderStage;
      const x = wave([1, 2, 4, 4], 22);
      const w = wave([2, 2, 3, 3], 23);
      const extras = Array.from({ length: limit - 2 }, (_, i) => wave([2, 1, 1], 24 + i));
      const instructions: ElementwiseInstruction[] = [{ op: 'input', dtype: 'float32', input: 0 }];
      extras.forEach((_, k) => {
        instructions.push({ op: 'input', dtype: 'float32', input: k + 1 });
        instructions.push({
          op: 'add',
          dtype: 'float32',
          args: [instructions.length - 2, instructions.length - 1],
        });
      });
      const epilogue = {
        instructions,
        outputs: [instructions.length - 1],
        key: JSON.stringify(instructions),
      };
      const infos = [x, w, ...extras].map((t) => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }));
      const before = be.memory();
      const run = () =>
        be.kernels.fusedConv2d!(
          infos,
          {
            ...convAttrs({
              padding: [
                [0, 0],
                [0, 0],
              ],
            }),
            epilogue,
          },
          [{ shape: [1, 2, 2, 2], dtype: 'float32' }],
        );
      expect(run).toThrow(BackendError);
      expect(run).toThrow(/storage buffers .* over the device's maxStorageBuffersPerShaderStage/);
      expect(be.memory()).toEqual(before);
      ml.dispose([x, w, ...extras]);
    });
    test('jit: conv + bias + relu (NCHW) and a strided NHWC conv with two outputs become fusedConv2d', async () => {
      const cases: [
        number[],
        number[],
        number[],
        (x: ml.Tensor, w: ml.Tensor, e: ml.Tensor) => ml.Tensor[],
      ][] = [
        [
          [2, 6, 10, 9],
          [8, 6, 3, 3],
          [8],
          (x, w, bias) => [
            ml.relu(ml.add(ml.conv2d(x, w, { padding: 'same' }), ml.reshape(bias, [8, 1, 1]))),
          ],
        ],
        [
          [2, 11, 9, 4],
          [3, 3, 4, 8],
          [8],
          (x, w, s) => {
            const z = ml.mul(ml.conv2d(x, w, { strides: 2, padding: 'same', dataFormat: 'NHWC' }), s);
            return [z, ml.tanh(z)];
          },
        ],
        [
          [1, 4, 8, 8],
          [4, 1, 3, 3],
          [4],
          (x, w, bias) => [ml.relu(ml.add(ml.conv2d(x, w, { groups: 4 }), ml.reshape(bias, [4, 1, 1])))],
        ],
      ];
      for (const [xs, ws, es, fn] of cases) {
        const x = ml.keep(wave(xs, xs[1]));
        const w = ml.keep(wave(ws, ws[0]));
        const e = ml.keep(wave(es, 3));
        const f = ml.jit(fn);
        try {
          const eager = ml.tidy(() => fn(x, w, e));
          ml.dispose(f(x, w, e)); // trace
          const before = be.stats().submits;
          const out = f(x, w, e);
          expect(be.stats().submits - before).toBe(1);
          expect(f.stats()?.convEpilogues).toBe(1);
          for (let k = 0; k < out.length; k++)
            expectSame(
              Array.from(await out[k].data()),
              Array.from(await eager[k].data()),
              'float32',
              `output ${k}`,
            );
          ml.dispose([...out, ...eager]);
        } finally {
          f.dispose();
          ml.dispose([x, w, e]);
        }
      }
    });
  });

describe('batch', () => {
  test('everything dispatched inside is one submit, past the per-submit dispatch count and one uniform buffer', async () => {
    const x = ml.keep(
      f32(
        seq(64, (i) => i),
        [64],
      ),
    );
    scope.push(x);
    await x.data();
    const before = backend.stats();
    let y = x;
    const n = 300; // over dispatchesPerSubmit (64) and the 128 params slots of one uniform buffer
    const result = backend.batch(() => {
      for (let i = 0; i < n; i++) {
        const next = ml.add(y, 1);
        if (y !== x) y.dispose();
        y = next;
      }
      return 'done';
    });
    expect(result).toBe('done');
    const after = backend.stats();
    expect(after.dispatches - before.dispatches).toBe(n);
    expect(after.submits - before.submits).toBe(1);
    expect(Array.from(await y.data())).toEqual(seq(64, (i) => i + n));
    y.dispose();
  });
  test('errors are rethrown and the work recorded before them is submitted', async () => {
    const x = ml.keep(f32([1, 2, 3], [3]));
    scope.push(x);
    let y: ml.Tensor | undefined;
    const before = backend.stats().submits;
    expect(() =>
      backend.batch(() => {
        y = ml.mul(x, 2);
        throw new RangeError('inside the batch');
      }),
    ).toThrow(RangeError);
    expect(backend.stats().submits - before).toBe(1);
    expect(Array.from(await y!.data())).toEqual([2, 4, 6]);
    y!.dispose();
  });
  test('nested batches join the outer one', () => {
    const x = ml.keep(f32([1], [1]));
    scope.push(x);
    const before = backend.stats().submits;
    const out = backend.batch(() => {
      const a = ml.add(x, 1);
      const b = backend.batch(() => ml.mul(a, 3));
      a.dispose();
      return b;
    });
    expect(backend.stats().submits - before).toBe(1);
    out.dispose();
  });
});

describe('jit on webgpu', () => {
  test('a chain over more inputs than a kernel may bind is split by jit (capabilities.fusedBindings)', async () => {
    const n = gpu.limits.maxStorageBuffersPerShaderStage + 4;
    const xs = Array.from({ length: n }, (_, i) => ml.keep(f32([i, -i, i / 2], [3])));
    scope.push(...xs);
    const fn = (...ts: ml.Tensor[]) =>
      ts
        .slice(1)
        .reduce((acc, t, i) => (i % 2 === 0 ? ml.add(acc, t) : ml.mul(ml.maximum(acc, t), 0.5)), ts[0]);
    const f = ml.jit(fn);
    try {
      const eager = ml.tidy(() => fn(...xs));
      const expected = Array.from(await eager.data());
      eager.dispose();
      f(...xs).dispose();
      const out = f(...xs);
      expect(f.stats()?.fusedPrograms).toBeGreaterThan(1);
      expectSame(Array.from(await out.data()), expected, 'float32', 'jit vs eager');
      out.dispose();
    } finally {
      f.dispose();
    }
  });
  test('a fused step (matmul epilogue and an elementwise chain) matches eager and replays in one submit', async () => {
    const a = ml.keep(
      f32(
        seq(12 * 10, (i) => Math.cos(i)),
        [12, 10],
      ),
    );
    const w = ml.keep(
      f32(
        seq(10 * 6, (i) => Math.sin(i)),
        [10, 6],
      ),
    );
    const bias = ml.keep(
      f32(
        seq(6, (i) => i / 6),
        [6],
      ),
    );
    scope.push(a, w, bias);
    const fn = (x: ml.Tensor, y: ml.Tensor, z: ml.Tensor) => {
      const h = ml.relu(ml.add(ml.matmul(x, y), z));
      return ml.mul(ml.sigmoid(h), ml.tanh(h));
    };
    const f = ml.jit(fn);
    try {
      const eager = ml.tidy(() => fn(a, w, bias));
      const expected = Array.from(await eager.data());
      eager.dispose();
      f(a, w, bias).dispose(); // trace
      const before = backend.stats().submits;
      const out = f(a, w, bias);
      expect(backend.stats().submits - before).toBe(1);
      const stats = f.stats();
      expect(stats?.matmulEpilogues).toBe(1);
      expect(stats?.fusedPrograms).toBeGreaterThan(0);
      expectSame(Array.from(await out.data()), expected, 'float32', 'jit vs eager');
      out.dispose();
    } finally {
      f.dispose();
    }
  });
});
