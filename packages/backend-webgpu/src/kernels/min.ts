// min over axes (override); NaN propagates; empty reductions give +Infinity.

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { MINMAX_WGSL } from './util/math.js';
import { highest, runReduce } from './util/reduce.js';
import { allocOutput, wgslType } from './util/wgsl.js';

export const min: GpuKernel<OverrideAttrs['min']> = (gpu, [x], { axes }, [out]) => {
  const y = allocOutput(gpu, 'min', out);
  const t = wgslType(out.dtype);
  const f = t === 'f32' ? 'min_nan' : 'min';
  runReduce(
    gpu,
    {
      name: 'min',
      outTypes: [t],
      state: [{ name: 'a', type: t, init: highest(t) }],
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
