// fusedElementwise: one jit-fused chain of elementwise ops, compiled to a single loop (util/program.ts).

import type { FusedAttrs, Kernel } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { runProgram } from './util/program.js';

export const fusedElementwise: Kernel<FusedAttrs['fusedElementwise']> = (inputs, { program }, outputs) => {
  const outs = outputs.map(allocOutput);
  runProgram(
    program,
    inputs.map((x) => ({ values: valuesOf(x), shape: x.shape })),
    outs.map((o) => o.values),
    outputs[0].shape,
  );
  return outs;
};
