// sum over axes (primitive): float32 or int32 (wrapping); empty reductions give 0.

import type { PrimitiveAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { runReduce } from './util/reduce.js';
import { allocOutput, wgslType } from './util/wgsl.js';

export const sum: GpuKernel<PrimitiveAttrs['sum']> = (gpu, [x], { axes }, [out]) => {
  const y = allocOutput(gpu, 'sum', out);
  const t = wgslType(out.dtype);
  runReduce(
    gpu,
    {
      name: 'sum',
      outTypes: [t],
      state: [{ name: 'a', type: t, init: `${t}(0)` }],
      accumulate: `s_a += ${t}(v);`,
      merge: 's_a += o_a;',
      finalize: 'y0[o] = s_a;',
    },
    x,
    axes,
    [y],
  );
  return [y];
};
