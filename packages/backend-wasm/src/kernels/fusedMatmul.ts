// fusedMatmul: the matmul kernel (packed SIMD gemm, threaded) into scratch, then the jit-fused epilogue
// over the product (one chunked pass while the kernel owns the product: it never becomes a tensor).
// Epilogue input 0 is the product; input k >= 1 is extra input k - 1, broadcast to the product's shape.

import type { FusedAttrs } from '@libml/core';
import type { WasmData } from '../data.js';
import { matmul } from './matmul.js';
import { runFused } from './util/fused.js';
import type { WasmKernel } from './util/kernel.js';

export const fusedMatmul: WasmKernel<FusedAttrs['fusedMatmul']> = (rt, inputs, attrs, outputs) => {
  const shape = outputs[0].shape;
  const [product] = matmul(
    rt,
    inputs.slice(0, 2),
    { transposeA: attrs.transposeA, transposeB: attrs.transposeB },
    [{ shape, dtype: 'float32' }],
  ) as WasmData[];
  const outs = outputs.map((spec) => rt.output(spec));
  try {
    runFused(
      rt,
      attrs.epilogue,
      [
        { ptr: product.ptr, shape, dtype: 'float32' },
        ...inputs.slice(2).map((x) => ({ ptr: rt.ptr(x), shape: x.shape, dtype: x.dtype })),
      ],
      outs,
      shape,
    );
  } finally {
    rt.release(product);
  }
  return outs;
};
