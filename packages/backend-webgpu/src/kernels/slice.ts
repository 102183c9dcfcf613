// slice: a strided copy starting at begin.

import type { PrimitiveAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { copyStrided } from './util/copy.js';
import { allocOutput, dataOf, stridesOf } from './util/wgsl.js';

export const slice: GpuKernel<PrimitiveAttrs['slice']> = (gpu, [x], { begin }, [out]) => {
  const y = allocOutput(gpu, 'slice', out);
  const xs = stridesOf(x.shape);
  const base = begin.reduce((acc, b, i) => acc + b * xs[i], 0);
  copyStrided(gpu, 'slice', dataOf(gpu, x), y, out.shape, xs, base, stridesOf(out.shape), 0);
  return [y];
};
