// fusedConv2d: the conv2d kernel (Winograd, implicit gemm or im2col + gemm; threaded) into scratch, then
// the jit-fused epilogue over its result in one chunked pass (the result never becomes a tensor).
// Epilogue input 0 is the convolution's result; input k >= 1 is extra input k - 1, broadcast to its shape.

import type { FusedAttrs } from '@libml/core';
import type { WasmData } from '../data.js';
import { conv2d } from './conv2d.js';
import { runEpilogue } from './util/fused.js';
import type { WasmKernel } from './util/kernel.js';

export const fusedConv2d: WasmKernel<FusedAttrs['fusedConv2d']> = (rt, inputs, attrs, outputs) => {
  const { epilogue, ...convAttrs } = attrs;
  const [result] = conv2d(rt, inputs.slice(0, 2), convAttrs, [
    { shape: outputs[0].shape, dtype: 'float32' },
  ]) as WasmData[];
  return runEpilogue(rt, epilogue, result, inputs.slice(2), outputs);
};
