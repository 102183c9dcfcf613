// fusedMatmul: matmul followed by a jit-fused elementwise epilogue (bias, activation, scaling) run on the
// product while this kernel owns it, so the product never becomes a tensor.

import type { FusedAttrs, Kernel } from '@libml/core';
import { matmul } from './matmul.js';
import { runEpilogue } from './util/program.js';

export const fusedMatmul: Kernel<FusedAttrs['fusedMatmul']> = (inputs, attrs, outputs) => {
  const dtype = inputs[0].dtype;
  const { epilogue, ...matmulAttrs } = attrs;
  const [product] = matmul(inputs.slice(0, 2), matmulAttrs, [{ shape: outputs[0].shape, dtype }]);
  return runEpilogue(epilogue, product, dtype, inputs.slice(2), outputs);
};
