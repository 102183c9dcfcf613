// max over axes (primitive); NaN propagates; empty reductions give -Infinity.

import type { PrimitiveAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { MINMAX_WGSL } from './util/math.js';
import { lowest, runReduce } from './util/reduce.js';
import { allocOutput, wgslType } from './util/wgsl.js';

export const max: GpuKernel<PrimitiveAttrs['max']> = (gpu, [x], { axes }, [out]) => {
  const y = allocOutput(gpu, 'max', out);
  const t = wgslType(out.dtype);
  const f = t === 'f32' ? 'max_nan' : 'max';
  runReduce(
    gpu,
    {
      name: 'max',
      outTypes: [t],
      state: [{ name: 'a', type: t, init: lowest(t) }],
      accumulate: `s_a = ${f}(s_a, v);`,
      merge: `s_a = ${f}(s_a, o_a);`,
      finalize: 'y0[o] = s_a;',
      prelude: MINMAX_WGSL,
    },
    x,
    axes,
    [y],
  );
  return [y];
};
