import type { DType } from '@libml/core';
import { describe, expect, it } from 'vitest';
import {
  broadcastIndex,
  broadcastShape,
  expectClose,
  type HostTensor,
  randomTensor,
  rng,
  run1,
  tensor,
  unravel,
} from './support/harness.js';

type BinaryName = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'equal' | 'less';
const REFERENCES: Record<BinaryName, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: (a, b) => a ** b,
  maximum: Math.max,
  minimum: Math.min,
  equal: (a, b) => Number(a === b),
  less: (a, b) => Number(a < b),
};

const SHAPE_PAIRS: [number[], number[]][] = [
  [
    [3, 5],
    [3, 5],
  ],
  [[], [4, 3]],
  [[4, 3], [1]],
  [[2, 3, 5], [5]],
  [
    [2, 1, 5],
    [1, 3, 1],
  ],
  [
    [7, 1],
    [1, 9],
  ],
  [
    [2, 3, 4, 5],
    [3, 1, 5],
  ],
  [
    [1, 1, 6],
    [2, 3, 1],
  ],
  [
    [4, 2],
    [3, 4, 1],
  ],
  [
    [2, 0, 3],
    [1, 3],
  ],
  [
    [5, 2, 1, 3],
    [2, 7, 1],
  ],
];

/** The naive reference: every output index mapped back to both inputs. */
function reference(name: BinaryName, a: HostTensor, b: HostTensor, outShape: number[], dtype: DType) {
  const size = outShape.reduce((x, y) => x * y, 1);
  const out = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const index = unravel(i, outShape);
    out[i] = REFERENCES[name](
      a.values[broadcastIndex(index, a.shape)],
      b.values[broadcastIndex(index, b.shape)],
    );
  }
  return out;
}

describe('binary kernels with broadcasting', () => {
  const random = rng(2);
  for (const name of Object.keys(REFERENCES) as BinaryName[]) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${name} ${dtype} over ${SHAPE_PAIRS.length} shape pairs`, () => {
        for (const [aShape, bShape] of SHAPE_PAIRS) {
          for (const [sa, sb] of [
            [aShape, bShape],
            [bShape, aShape],
          ]) {
            const a = randomTensor(random, sa, dtype, 3);
            const b = randomTensor(random, sb, dtype, 3);
            // Ties and NaNs for the comparison and NaN-propagation paths.
            if (a.values.length > 2 && b.values.length > 2) {
              a.values[0] = Number.NaN;
              b.values[1] = Number.NaN;
              a.values[2] = b.values[2];
            }
            const outShape = broadcastShape(sa, sb);
            const outDtype = name === 'equal' || name === 'less' ? 'bool' : dtype;
            const actual = run1(name, {}, [a, b], { shape: outShape, dtype: outDtype });
            expectClose(actual, reference(name, a, b, outShape, dtype), 1e-15, 0);
            if (outDtype === 'bool') expect(actual).toBeInstanceOf(Uint8Array);
          }
        }
      });
    }
  }

  it('int32 add, sub, mul and pow wrap like 32-bit integers', () => {
    const a = tensor([2147483647, -2147483648, 65536, 3, 7, -3, 2, 1, -1, 5], [10], 'int32');
    const b = tensor([1, -1, 65536, 21, 2, 3, 40, -2, -3, -1], [10], 'int32');
    const spec = { shape: [10], dtype: 'int32' as const };
    expect(Array.from(run1('add', {}, [a, b], spec))).toEqual(
      Array.from(a.values, (v, i) => (v + b.values[i]) | 0),
    );
    expect(Array.from(run1('sub', {}, [a, b], spec))).toEqual(
      Array.from(a.values, (v, i) => (v - b.values[i]) | 0),
    );
    expect(Array.from(run1('mul', {}, [a, b], spec))).toEqual(
      Array.from(a.values, (v, i) => Math.imul(v, b.values[i])),
    );
    // 3^21 and 2^40 overflow: NumPy's int32 power wraps like repeated multiplication.
    const pow = Array.from(run1('pow', {}, [a, b], spec));
    expect(pow.slice(3)).toEqual([Math.imul(Math.imul(3 ** 10, 3 ** 10), 3), 49, -27, 0, 1, -1, 0]);
    expect(pow[2]).toBe(0);
  });

  it('maximum and minimum propagate NaN from either side; comparisons with NaN are false', () => {
    const a = tensor([Number.NaN, 1, Number.NaN, -0], [4]);
    const b = tensor([1, Number.NaN, Number.NaN, 0], [4]);
    const spec = { shape: [4], dtype: 'float64' as const };
    expectClose(run1('maximum', {}, [a, b], spec), [Number.NaN, Number.NaN, Number.NaN, 0]);
    expectClose(run1('minimum', {}, [a, b], spec), [Number.NaN, Number.NaN, Number.NaN, -0]);
    const boolSpec = { shape: [4], dtype: 'bool' as const };
    expect(Array.from(run1('equal', {}, [a, b], boolSpec))).toEqual([0, 0, 0, 1]);
    expect(Array.from(run1('less', {}, [a, b], boolSpec))).toEqual([0, 0, 0, 0]);
  });

  it('equal and less accept int32 and bool inputs', () => {
    const a = tensor([1, 0, 1, 0], [4], 'bool');
    const b = tensor([1, 1, 0, 0], [4], 'bool');
    const boolSpec = { shape: [4], dtype: 'bool' as const };
    expect(Array.from(run1('equal', {}, [a, b], boolSpec))).toEqual([1, 0, 0, 1]);
    expect(Array.from(run1('less', {}, [a, b], boolSpec))).toEqual([0, 1, 0, 0]);
  });
});

describe('where and cast', () => {
  it('where broadcasts all three operands', () => {
    const random = rng(3);
    for (const [cs, as, bs] of [
      [
        [4, 5],
        [4, 5],
        [4, 5],
      ],
      [[4, 1], [1, 5], []],
      [
        [2, 1, 3],
        [4, 1],
        [2, 4, 3],
      ],
      [[], [3], [2, 3]],
    ]) {
      const c = randomTensor(random, cs, 'bool');
      const a = randomTensor(random, as, 'float32');
      const b = randomTensor(random, bs, 'float32');
      const outShape = broadcastShape(cs, as, bs);
      const size = outShape.reduce((x, y) => x * y, 1);
      const expected = Array.from({ length: size }, (_, i) => {
        const idx = unravel(i, outShape);
        return c.values[broadcastIndex(idx, cs)]
          ? a.values[broadcastIndex(idx, as)]
          : b.values[broadcastIndex(idx, bs)];
      });
      expectClose(run1('where', {}, [c, a, b], { shape: outShape, dtype: 'float32' }), expected, 0, 0);
    }
  });

  it('cast truncates toward zero, maps NaN to 0 for int32 and to true for bool', () => {
    const x = tensor([1.7, -1.7, Number.NaN, 0, -0, 3e9, 0.5], [7]);
    expect(Array.from(run1('cast', { dtype: 'int32' }, [x], { shape: [7], dtype: 'int32' }))).toEqual([
      1,
      -1,
      0,
      0,
      0,
      3e9 | 0,
      0,
    ]);
    expect(Array.from(run1('cast', { dtype: 'bool' }, [x], { shape: [7], dtype: 'bool' }))).toEqual([
      1, 1, 1, 0, 0, 1, 1,
    ]);
    const f32 = run1('cast', { dtype: 'float32' }, [x], { shape: [7], dtype: 'float32' });
    expect(f32).toBeInstanceOf(Float32Array);
    expectClose(f32, Array.from(x.values, Math.fround), 0, 0);
    const b = tensor([1, 0, 1], [3], 'bool');
    expect(Array.from(run1('cast', { dtype: 'float64' }, [b], { shape: [3], dtype: 'float64' }))).toEqual([
      1, 0, 1,
    ]);
    const i = tensor([5, -2147483648], [2], 'int32');
    expect(Array.from(run1('cast', { dtype: 'bool' }, [i], { shape: [2], dtype: 'bool' }))).toEqual([1, 1]);
    expect(Array.from(run1('cast', { dtype: 'float32' }, [i], { shape: [2], dtype: 'float32' }))).toEqual([
      5, -2147483648,
    ]);
  });
});
