import { describe, it } from 'vitest';
import { gemm } from '../src/kernels/util/gemm.js';
import {
  broadcastShape,
  expectClose,
  type HostTensor,
  randomInt,
  randomTensor,
  rng,
  run1,
  unravel,
} from './support/harness.js';

/** Naive batched matmul with NumPy batch broadcasting. */
function matmulReference(a: HostTensor, b: HostTensor, transposeA: boolean, transposeB: boolean) {
  const ar = a.shape.length;
  const br = b.shape.length;
  const m = transposeA ? a.shape[ar - 1] : a.shape[ar - 2];
  const k = transposeA ? a.shape[ar - 2] : a.shape[ar - 1];
  const n = transposeB ? b.shape[br - 2] : b.shape[br - 1];
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batch = broadcastShape(aBatch, bBatch);
  const batchSize = batch.reduce((x, y) => x * y, 1);
  const out = new Float64Array(batchSize * m * n);
  const flatIn = (index: number[], shape: number[]) => {
    const lead = index.length - shape.length;
    let f = 0;
    for (let i = 0; i < shape.length; i++) f = f * shape[i] + (shape[i] === 1 ? 0 : index[i + lead]);
    return f;
  };
  for (let t = 0; t < batchSize; t++) {
    const index = unravel(t, batch);
    const aOff = flatIn(index, aBatch) * m * k;
    const bOff = flatIn(index, bBatch) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) {
          const av = a.values[aOff + (transposeA ? p * m + i : i * k + p)];
          const bv = b.values[bOff + (transposeB ? j * k + p : p * n + j)];
          s += av * bv;
        }
        out[t * m * n + i * n + j] = s;
      }
    }
  }
  return { values: out, shape: [...batch, m, n] };
}

function operand(
  random: () => number,
  batch: number[],
  rows: number,
  cols: number,
  transposed: boolean,
  dtype: 'float32' | 'float64',
) {
  return randomTensor(random, [...batch, ...(transposed ? [cols, rows] : [rows, cols])], dtype);
}

describe('matmul', () => {
  const cases: [number[], number[], number, number, number][] = [
    [[], [], 1, 1, 1],
    [[], [], 3, 5, 2],
    [[], [], 4, 4, 4],
    [[], [], 17, 13, 19],
    [[], [], 67, 131, 45],
    [[], [], 70, 300, 130],
    [[], [], 1, 600, 37],
    [[], [], 301, 1, 5],
    [[], [], 5, 3, 700],
    [[3], [], 9, 11, 10],
    [[2, 3], [3], 6, 5, 21],
    [[2, 1], [1, 4], 7, 9, 8],
    [[], [5], 8, 6, 33],
    [[4, 1, 2], [3, 1], 5, 7, 6],
    [[0], [], 3, 4, 5],
    [[], [], 4, 0, 6],
  ];
  for (const dtype of ['float64', 'float32'] as const) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        it(`${dtype} transposeA=${transposeA} transposeB=${transposeB}`, () => {
          const random = rng(20 + Number(transposeA) * 2 + Number(transposeB));
          for (const [aBatch, bBatch, m, k, n] of cases) {
            const a = operand(random, aBatch, m, k, transposeA, dtype);
            const b = operand(random, bBatch, k, n, transposeB, dtype);
            const expected = matmulReference(a, b, transposeA, transposeB);
            const actual = run1('matmul', { transposeA, transposeB }, [a, b], {
              shape: expected.shape,
              dtype,
            });
            const reference =
              dtype === 'float32' ? Array.from(expected.values, Math.fround) : expected.values;
            // float32 results are the float64 sums rounded once.
            expectClose(actual, reference, dtype === 'float32' ? 1.2e-7 : 1e-13, 1e-12);
          }
        });
      }
    }
  }

  it('gemm with strided operands and accumulation matches the reference at random sizes', () => {
    const random = rng(30);
    for (let trial = 0; trial < 25; trial++) {
      const m = randomInt(random, 1, 90);
      const n = randomInt(random, 1, 90);
      const k = randomInt(random, 1, 300);
      const a = Float64Array.from({ length: m * k }, () => random() - 0.5);
      const b = Float64Array.from({ length: k * n }, () => random() - 0.5);
      const c0 = Float64Array.from({ length: m * n }, () => random() - 0.5);
      const c = c0.slice();
      // A column-major, B row-major, C column-major, all at an offset within larger arrays.
      const aBig = new Float64Array(m * k + 3);
      aBig.set(a, 3);
      gemm(
        m,
        n,
        k,
        { data: aBig, offset: 3, rowStride: 1, colStride: m },
        { data: b, offset: 0, rowStride: n, colStride: 1 },
        { data: c, offset: 0, rowStride: 1, colStride: m },
        true,
      );
      const expected = new Float64Array(m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = c0[j * m + i];
          for (let p = 0; p < k; p++) s += a[p * m + i] * b[p * n + j];
          expected[j * m + i] = s;
        }
      }
      expectClose(c, expected, 1e-12, 1e-12);
    }
  });
});
