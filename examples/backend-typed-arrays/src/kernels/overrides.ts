// Two overrides. Neither is required: without them core builds matmul from broadcastTo, mul and sum,
// and softmax from max, sub (add/neg), exp, sum and div. A native kernel is faster and, for softmax,
// rounds once instead of once per step. Core still owns the gradients: it differentiates its own
// definition of the op, so an override only computes the forward value.

import { allocArray, type OverrideAttrs } from '@libml/core';
import type { ArrayKernel } from '../array-kernel.js';
import { broadcastIndexer, sizeOfShape, stridesOf } from '../indexing.js';

/**
 * Batched matrix product over the last two axes, batch axes broadcast NumPy-style. A is [..., m, k]
 * (or [..., k, m] with transposeA), B is [..., k, n] (or [..., n, k] with transposeB). Core reshapes
 * vectors to matrices first, so both inputs have rank >= 2.
 */
export const matmul: ArrayKernel<OverrideAttrs['matmul']> = ([a, b], { transposeA, transposeB }, [out]) => {
  const rank = out.shape.length;
  const [m, n] = [out.shape[rank - 2], out.shape[rank - 1]];
  const k = transposeA ? a.shape[a.shape.length - 2] : a.shape[a.shape.length - 1];
  const result = allocArray(out.dtype, sizeOfShape(out.shape));

  // Which matrix of A and of B each output matrix uses: broadcasting over the batch axes only.
  const batchShape = out.shape.slice(0, -2);
  const aBatch = broadcastIndexer(a.shape.slice(0, -2), batchShape);
  const bBatch = broadcastIndexer(b.shape.slice(0, -2), batchShape);
  // Element (row, col) of a stored [rows, cols] matrix is at row * cols + col; a transposed operand is
  // read with its two strides swapped.
  const [aRow, aCol] = transposeA ? [1, m] : [k, 1];
  const [bRow, bCol] = transposeB ? [1, k] : [n, 1];

  for (let batch = 0; batch < sizeOfShape(batchShape); batch++) {
    const aStart = aBatch(batch) * m * k;
    const bStart = bBatch(batch) * k * n;
    const cStart = batch * m * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let dot = 0; // float64 accumulator, rounded once when stored
        for (let p = 0; p < k; p++) {
          dot += a.values[aStart + i * aRow + p * aCol] * b.values[bStart + p * bRow + j * bCol];
        }
        result[cStart + i * n + j] = dot;
      }
    }
  }
  return [result];
};

/** softmax along `axis`: exp(x - max) / sum(exp(x - max)), the max subtracted so exp cannot overflow. */
export const softmax: ArrayKernel<OverrideAttrs['softmax']> = ([x], { axis }, [out]) => {
  const result = allocArray(out.dtype, x.values.length);
  const length = x.shape[axis];
  const inner = stridesOf(x.shape)[axis]; // distance between neighbours along `axis`
  const lanes = x.values.length / length; // how many independent softmaxes
  const exps = new Float64Array(length);
  for (let lane = 0; lane < lanes; lane++) {
    const start = Math.floor(lane / inner) * length * inner + (lane % inner);
    let max = -Infinity;
    for (let i = 0; i < length; i++) max = Math.max(max, x.values[start + i * inner]);
    let total = 0;
    for (let i = 0; i < length; i++) {
      exps[i] = Math.exp(x.values[start + i * inner] - max);
      total += exps[i];
    }
    for (let i = 0; i < length; i++) result[start + i * inner] = exps[i] / total;
  }
  return [result];
};
