// moments (override): mean and biased variance over axes, two tree reductions (the second subtracts the
// first's mean before squaring: no cancellation from E[x^2] - E[x]^2).

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { runReduce } from './util/reduce.js';
import { allocOutput } from './util/wgsl.js';

export const moments: GpuKernel<OverrideAttrs['moments']> = (gpu, [x], { axes }, [meanSpec, varSpec]) => {
  const mean = allocOutput(gpu, 'moments', meanSpec);
  const variance = allocOutput(gpu, 'moments', varSpec);
  runReduce(
    gpu,
    {
      name: 'moments',
      variant: 'mean',
      outTypes: ['f32'],
      state: [{ name: 'a', type: 'f32', init: '0.0' }],
      accumulate: 's_a += v;',
      merge: 's_a += o_a;',
      finalize: 'y0[o] = select(s_a / f32(rsize), nan(), rsize == 0u);',
    },
    x,
    axes,
    [mean],
  );
  runReduce(
    gpu,
    {
      name: 'moments',
      variant: 'var',
      outTypes: ['f32'],
      state: [{ name: 'a', type: 'f32', init: '0.0' }],
      accumulate: 'let d = v - x1[o]; s_a += d * d;',
      merge: 's_a += o_a;',
      finalize: 'y0[o] = select(s_a / f32(rsize), nan(), rsize == 0u);',
      extraInputs: [mean],
      extraTypes: ['f32'],
    },
    x,
    axes,
    [variance],
  );
  return [mean, variance];
};
