// matmul: batched A·B (override) with optional transposes and NumPy-broadcast batch dims; each product is
// one SIMD gemm reading the operands in place through strides (transposes are absorbed by the packing).

import type { OverrideAttrs } from '@libml/core';
import { gemm } from './util/gemm.js';
import type { WasmKernel } from './util/kernel.js';
import { broadcastStrides, product } from './util/strides.js';

export const matmul: WasmKernel<OverrideAttrs['matmul']> = (
  rt,
  inputs,
  { transposeA, transposeB },
  outputs,
) => {
  const out = rt.output(outputs[0]);
  if (out.size === 0) return [out];
  const a = rt.ptr(inputs[0]);
  const b = rt.ptr(inputs[1]);
  const aShape = inputs[0].shape;
  const bShape = inputs[1].shape;
  const outShape = outputs[0].shape;
  const rank = outShape.length;
  const m = outShape[rank - 2];
  const n = outShape[rank - 1];
  const k = transposeA ? aShape[aShape.length - 2] : aShape[aShape.length - 1];
  const aRowStride = transposeA ? 1 : k;
  const aColStride = transposeA ? m : 1;
  const bRowStride = transposeB ? 1 : n;
  const bColStride = transposeB ? k : 1;

  const batchShape = outShape.slice(0, rank - 2);
  const aBatchShape = aShape.slice(0, aShape.length - 2);
  const bBatchShape = bShape.slice(0, bShape.length - 2);
  const batch = product(batchShape);

  // A stack of untransposed A against one shared B is a single tall product: B is packed once per block.
  if (!transposeA && product(bBatchShape) === 1 && product(aBatchShape) === batch) {
    gemm(
      rt,
      batch * m,
      n,
      k,
      { ptr: a, offset: 0, rowStride: aRowStride, colStride: aColStride },
      { ptr: b, offset: 0, rowStride: bRowStride, colStride: bColStride },
      { ptr: out.ptr, offset: 0, rowStride: n, colStride: 1 },
      false,
    );
    return [out];
  }
  const aStrides = broadcastStrides(aBatchShape, batchShape);
  const bStrides = broadcastStrides(bBatchShape, batchShape);
  const index = new Array<number>(batchShape.length).fill(0);
  for (let t = 0; t < batch; t++) {
    let aOffset = 0;
    let bOffset = 0;
    for (let d = 0; d < index.length; d++) {
      aOffset += index[d] * aStrides[d];
      bOffset += index[d] * bStrides[d];
    }
    gemm(
      rt,
      m,
      n,
      k,
      { ptr: a, offset: aOffset * m * k, rowStride: aRowStride, colStride: aColStride },
      { ptr: b, offset: bOffset * k * n, rowStride: bRowStride, colStride: bColStride },
      { ptr: out.ptr, offset: t * m * n, rowStride: n, colStride: 1 },
      false,
    );
    for (let d = index.length - 1; d >= 0; d--) {
      if (++index[d] < batchShape[d]) break;
      index[d] = 0;
    }
  }
  return [out];
};
