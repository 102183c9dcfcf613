// fusedMatmul: the matmul kernel (packed SIMD gemm, threaded) into scratch, then the jit-fused epilogue
// over the product (one chunked pass while the kernel owns the product: it never becomes a tensor).
// Epilogue input 0 is the product; input k >= 1 is extra input k - 1, broadcast to the product's shape.

import type { FusedAttrs } from '@libml/core';
import type { WasmData } from '../data.js';
import { matmul } from './matmul.js';
import { runEpilogue } from './util/fused.js';
import type { WasmKernel } from './util/kernel.js';

export const fusedMatmul: WasmKernel<FusedAttrs['fusedMatmul']> = (rt, inputs, attrs, outputs) => {
  const { epilogue, ...matmulAttrs } = attrs;
  const [product] = matmul(rt, inputs.slice(0, 2), matmulAttrs, [
    { shape: outputs[0].shape, dtype: 'float32' },
  ]) as WasmData[];
  return runEpilogue(rt, epilogue, product, inputs.slice(2), outputs);
};
