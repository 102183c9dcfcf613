import { describe, expect, it } from 'vitest';
import { erfc, erf as erfScalar } from '../src/kernels/util/erf.js';
import { expectClose, type HostTensor, randomTensor, rng, run1, tensor } from './support/harness.js';

// Reference values from mpmath at 40 digits.
const ERF_REFERENCE: readonly [number, number][] = [
  [0, 0.0],
  [1e-300, 1.1283791670955126e-300],
  [1e-10, 1.1283791670955126e-10],
  [-1e-5, -1.1283791670579e-5],
  [0.1, 0.1124629160182849],
  [0.3, 0.3286267594591274],
  [0.46875, 0.49261347321793797],
  [0.46876, 0.4926225311068465],
  [-0.5, -0.5204998778130465],
  [0.75, 0.7111556336535151],
  [1, 0.8427007929497149],
  [-1.5, -0.9661051464753108],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [-3.2, -0.9999939742388483],
  [3.99, 0.9999999832607886],
  [4, 0.9999999845827421],
  [4.01, 0.9999999858030606],
  [-4.5, -0.9999999998033839],
  [5, 0.9999999999984626],
  [5.9, 0.9999999999999999],
  [6, 1.0],
  [-10, -1.0],
  [27, 1.0],
];
const GELU_REFERENCE: readonly [number, number][] = [
  [-40, -0.0],
  [-10, -7.619853024160526e-23],
  [-5, -1.4332578593959695e-6],
  [-3, -0.0040496940948902835],
  [-1, -0.15865525393145705],
  [-0.5, -0.15426876936299344],
  [-0.001, -0.000499601057786089],
  [0, 0.0],
  [0.001, 0.000500398942213911],
  [0.5, 0.34573123063700656],
  [1, 0.8413447460685429],
  [2, 1.9544997361036416],
  [3, 2.99595030590511],
  [10, 10.0],
];

const spec = (t: HostTensor) => ({ shape: t.shape, dtype: t.dtype });

type UnaryName =
  | 'abs'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'erf'
  | 'neg'
  | 'square'
  | 'relu'
  | 'sigmoid';
const REFERENCES: Record<UnaryName, (x: number) => number> = {
  abs: Math.abs,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  erf: erfScalar,
  neg: (x) => -x,
  square: (x) => x * x,
  relu: (x) => (Number.isNaN(x) ? x : Math.max(x, 0)),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};

describe('unary kernels', () => {
  const random = rng(1);
  for (const name of Object.keys(REFERENCES) as UnaryName[]) {
    it(`${name} matches Math in float64 and rounds float32 once`, () => {
      const x64 = randomTensor(random, [3, 7, 5], 'float64', 3);
      const values = Array.from(x64.values);
      values.push(Number.NaN, 0, -0, 1);
      const input = tensor(values, [values.length], 'float64');
      const ref = REFERENCES[name];
      expectClose(run1(name, {}, [input], spec(input)), values.map(ref), 1e-15, 0);
      const input32 = tensor(values, [values.length], 'float32');
      const expected32 = Array.from(input32.values, (v) => Math.fround(ref(v)));
      expectClose(run1(name, {}, [input32], spec(input32)), expected32, 0, 0);
    });
  }

  it('abs, neg and square on int32 wrap like 32-bit integers', () => {
    const x = tensor([-5, 7, -2147483648, 2147483647, 65536, 0], [6], 'int32');
    expect(Array.from(run1('abs', {}, [x], spec(x)))).toEqual([5, 7, -2147483648, 2147483647, 65536, 0]);
    expect(Array.from(run1('neg', {}, [x], spec(x)))).toEqual([5, -7, -2147483648, -2147483647, -65536, 0]);
    expect(Array.from(run1('square', {}, [x], spec(x)))).toEqual([25, 49, 0, 1, 0, 0]);
    expect(Array.from(run1('relu', {}, [x], spec(x)))).toEqual([0, 7, 0, 2147483647, 65536, 0]);
  });

  it('erf is float64-accurate against mpmath, including across the approximation breakpoints', () => {
    const x = tensor(
      ERF_REFERENCE.map(([v]) => v),
      [ERF_REFERENCE.length],
    );
    expectClose(
      run1('erf', {}, [x], spec(x)),
      ERF_REFERENCE.map(([, e]) => e),
      2e-15,
      0,
    );
    expect(erfScalar(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erfScalar(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(erfScalar(Number.NaN)).toBeNaN();
    expect(erfc(10)).toBeCloseTo(2.088487583762545e-45, 58);
    expect(Math.abs(erfc(-3) - 1.9999779095030015) / 2).toBeLessThan(1e-16);
  });

  it('erf is smooth and odd over a dense grid (no jumps at the breakpoints)', () => {
    // One assertion over the whole grid: 12,000 expect() calls are slow on a loaded machine.
    const bad: string[] = [];
    for (let v = -6; v <= 6; v += 0.001) {
      if (erfScalar(-v) !== -erfScalar(v)) bad.push(`odd at ${v}`);
      const slope = (erfScalar(v + 1e-7) - erfScalar(v - 1e-7)) / 2e-7;
      if (!(Math.abs(slope - (2 / Math.sqrt(Math.PI)) * Math.exp(-v * v)) < 1e-7)) bad.push(`slope at ${v}`);
    }
    expect(bad).toEqual([]);
  });

  it('sigmoid is stable for large magnitudes', () => {
    const x = tensor([-800, -40, 0, 40, 800], [5]);
    expectClose(run1('sigmoid', {}, [x], spec(x)), [0, 4.248354255291589e-18, 0.5, 1, 1], 1e-15, 0);
  });

  it('leakyRelu, elu and relu keep NaN', () => {
    const x = tensor([-2, -0.5, 0, 3, Number.NaN], [5]);
    expectClose(run1('leakyRelu', { alpha: 0.1 }, [x], spec(x)), [-0.2, -0.05, 0, 3, Number.NaN]);
    expectClose(run1('elu', { alpha: 2 }, [x], spec(x)), [
      2 * Math.expm1(-2),
      2 * Math.expm1(-0.5),
      0,
      3,
      Number.NaN,
    ]);
    expectClose(run1('relu', {}, [x], spec(x)), [0, 0, 0, 3, Number.NaN]);
  });

  it('gelu (exact) matches mpmath, including the far negative tail', () => {
    const x = tensor(
      GELU_REFERENCE.map(([v]) => v),
      [GELU_REFERENCE.length],
    );
    expectClose(
      run1('gelu', { approximate: 'none' }, [x], spec(x)),
      GELU_REFERENCE.map(([, e]) => e),
      1e-14,
      0,
    );
  });

  it('gelu (tanh) follows the tanh formula', () => {
    const x = randomTensor(rng(5), [50], 'float64', 4);
    const expected = Array.from(
      x.values,
      (v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))),
    );
    expectClose(run1('gelu', { approximate: 'tanh' }, [x], spec(x)), expected, 1e-15, 1e-16);
  });
});
