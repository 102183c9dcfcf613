// fusedConv2d: conv2d followed by a jit-fused elementwise epilogue (bias, activation, scaling) run on the
// convolution's result while this kernel owns it, so the result never becomes a tensor.

import type { FusedAttrs, Kernel } from '@libml/core';
import { conv2d } from './conv2d.js';
import { runEpilogue } from './util/program.js';

export const fusedConv2d: Kernel<FusedAttrs['fusedConv2d']> = (inputs, attrs, outputs) => {
  const dtype = inputs[0].dtype;
  const { epilogue, ...convAttrs } = attrs;
  const [result] = conv2d(inputs.slice(0, 2), convAttrs, [{ shape: outputs[0].shape, dtype }]);
  return runEpilogue(epilogue, result, dtype, inputs.slice(2), outputs);
};
