// matmul: batched A·B (override) with optional transposes and NumPy-broadcast batch dims; each product is
// one packed, register-blocked gemm reading the operands in place through strides.

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { gemm } from './util/gemm.js';
import { broadcastStrides, product, RowIterator } from './util/strides.js';

export const matmul: Kernel<OverrideAttrs['matmul']> = (inputs, { transposeA, transposeB }, outputs) => {
  const out = allocOutput(outputs[0]);
  const c = out.values;
  const a = valuesOf(inputs[0]);
  const b = valuesOf(inputs[1]);
  const aShape = inputs[0].shape;
  const bShape = inputs[1].shape;
  const outShape = outputs[0].shape;
  const rank = outShape.length;
  const m = outShape[rank - 2];
  const n = outShape[rank - 1];
  const k = transposeA ? aShape[aShape.length - 2] : aShape[aShape.length - 1];
  // Stored [M, K] is read with strides (K, 1); stored [K, M] (transposeA) with (1, M). Likewise for B.
  const aRowStride = transposeA ? 1 : k;
  const aColStride = transposeA ? m : 1;
  const bRowStride = transposeB ? 1 : n;
  const bColStride = transposeB ? k : 1;

  const batchShape = outShape.slice(0, rank - 2);
  const aBatchShape = aShape.slice(0, aShape.length - 2);
  const bBatchShape = bShape.slice(0, bShape.length - 2);
  const batch = product(batchShape);
  const aMatrix = m * k;
  const bMatrix = k * n;
  const cMatrix = m * n;

  // A stack of untransposed A against one shared B is a single tall product: B is packed once.
  if (!transposeA && product(bBatchShape) === 1 && product(aBatchShape) === batch) {
    gemm(
      batch * m,
      n,
      k,
      { data: a, offset: 0, rowStride: aRowStride, colStride: aColStride },
      { data: b, offset: 0, rowStride: bRowStride, colStride: bColStride },
      { data: c, offset: 0, rowStride: n, colStride: 1 },
      false,
    );
    return [out];
  }

  const rows = new RowIterator(batchShape, [
    broadcastStrides(aBatchShape, batchShape).map((s) => s * aMatrix),
    broadcastStrides(bBatchShape, batchShape).map((s) => s * bMatrix),
  ]);
  const { offsets, innerStrides, rowLength } = rows;
  let cOffset = 0;
  for (let r = 0; r < rows.rowCount; r++) {
    for (let i = 0; i < rowLength; i++, cOffset += cMatrix) {
      gemm(
        m,
        n,
        k,
        { data: a, offset: offsets[0] + i * innerStrides[0], rowStride: aRowStride, colStride: aColStride },
        { data: b, offset: offsets[1] + i * innerStrides[1], rowStride: bRowStride, colStride: bColStride },
        { data: c, offset: cOffset, rowStride: n, colStride: 1 },
        false,
      );
    }
    rows.next();
  }
  return [out];
};
