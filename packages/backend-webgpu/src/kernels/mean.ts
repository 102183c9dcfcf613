// mean over axes (override), float32: a tree sum divided by the count; empty reductions give NaN.

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { runReduce } from './util/reduce.js';
import { allocOutput } from './util/wgsl.js';

export const mean: GpuKernel<OverrideAttrs['mean']> = (gpu, [x], { axes }, [out]) => {
  const y = allocOutput(gpu, 'mean', out);
  runReduce(
    gpu,
    {
      name: 'mean',
      outTypes: ['f32'],
      state: [{ name: 'a', type: 'f32', init: '0.0' }],
      accumulate: 's_a += f32(v);',
      merge: 's_a += o_a;',
      finalize: 'y0[o] = select(s_a / f32(rsize), nan(), rsize == 0u);',
    },
    x,
    axes,
    [y],
  );
  return [y];
};
