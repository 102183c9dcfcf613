// fusedElementwise: a jit-fused chain of elementwise primitives, interpreted in wasm chunk by chunk
// (util/fused.ts, assembly/fused.ts): each instruction one SIMD loop over a cache-resident chunk, with the
// semantics of the primitive kernel of the same name.

import type { FusedAttrs } from '@libml/core';
import { runFused } from './util/fused.js';
import type { WasmKernel } from './util/kernel.js';

export const fusedElementwise: WasmKernel<FusedAttrs['fusedElementwise']> = (
  rt,
  inputs,
  { program },
  outputs,
) => {
  const outs = outputs.map((spec) => rt.output(spec));
  runFused(
    rt,
    program,
    inputs.map((x) => ({ ptr: rt.ptr(x), shape: x.shape, dtype: x.dtype })),
    outs,
    outputs[0].shape,
  );
  return outs;
};
