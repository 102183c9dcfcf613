// fusedMatmul: matmul followed by a jit-fused elementwise epilogue (bias, activation, scaling) run on the
// product while this kernel owns it, so the product never becomes a tensor.

import type { FusedAttrs, Kernel } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { matmul } from './matmul.js';
import { runProgram } from './util/program.js';

export const fusedMatmul: Kernel<FusedAttrs['fusedMatmul']> = (inputs, attrs, outputs) => {
  const shape = outputs[0].shape;
  const [product] = matmul(
    inputs.slice(0, 2),
    { transposeA: attrs.transposeA, transposeB: attrs.transposeB },
    [{ shape, dtype: inputs[0].dtype }],
  );
  const outs = outputs.map(allocOutput);
  runProgram(
    attrs.epilogue,
    [
      { values: valuesOf({ dataId: product, shape, dtype: inputs[0].dtype }), shape },
      ...inputs.slice(2).map((x) => ({ values: valuesOf(x), shape: x.shape })),
    ],
    outs.map((o) => o.values),
    shape,
  );
  return outs;
};
