// pad: constant padding: fill the output with the value, then copy x into the interior.

import type { PrimitiveAttrs } from '@libml/core';
import { f32Bits } from '../gpu.js';
import type { GpuKernel } from './types.js';
import { copyStrided, fill } from './util/copy.js';
import { allocOutput, dataOf, sizeOf, stridesOf } from './util/wgsl.js';

export const pad: GpuKernel<PrimitiveAttrs['pad']> = (gpu, [x], { paddings, value }, [out]) => {
  const y = allocOutput(gpu, 'pad', out);
  const bits =
    out.dtype === 'float32' ? f32Bits(value) : out.dtype === 'bool' ? (value !== 0 ? 1 : 0) : value | 0;
  fill(gpu, 'pad', y, sizeOf(out.shape), bits);
  const os = stridesOf(out.shape);
  const base = paddings.reduce((acc, [before], i) => acc + before * os[i], 0);
  copyStrided(gpu, 'pad', dataOf(gpu, x), y, x.shape, stridesOf(x.shape), 0, os, base);
  return [y];
};
