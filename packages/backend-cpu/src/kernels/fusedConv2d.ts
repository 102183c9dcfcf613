// fusedConv2d: conv2d followed by a jit-fused elementwise epilogue (bias, activation, scaling) run on the
// convolution's result while this kernel owns it, so the result never becomes a tensor.

import type { FusedAttrs, Kernel } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { conv2d } from './conv2d.js';
import { runProgram } from './util/program.js';

export const fusedConv2d: Kernel<FusedAttrs['fusedConv2d']> = (inputs, attrs, outputs) => {
  const shape = outputs[0].shape;
  const { epilogue, ...convAttrs } = attrs;
  const [result] = conv2d(inputs.slice(0, 2), convAttrs, [{ shape, dtype: inputs[0].dtype }]);
  const outs = outputs.map(allocOutput);
  runProgram(
    epilogue,
    [
      { values: valuesOf({ dataId: result, shape, dtype: inputs[0].dtype }), shape },
      ...inputs.slice(2).map((x) => ({ values: valuesOf(x), shape: x.shape })),
    ],
    outs.map((o) => o.values),
    shape,
  );
  return outs;
};
