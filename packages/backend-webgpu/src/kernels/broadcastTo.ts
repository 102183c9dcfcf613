// broadcastTo: NumPy broadcasting as a strided copy with stride 0 along stretched dims.

import type { PrimitiveAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { copyStrided } from './util/copy.js';
import { allocOutput, broadcastStrides, dataOf, stridesOf } from './util/wgsl.js';

export const broadcastTo: GpuKernel<PrimitiveAttrs['broadcastTo']> = (gpu, [x], _attrs, [out]) => {
  const y = allocOutput(gpu, 'broadcastTo', out);
  const s = broadcastStrides(x.shape, out.shape);
  copyStrided(gpu, 'broadcastTo', dataOf(gpu, x), y, out.shape, s, 0, stridesOf(out.shape), 0);
  return [y];
};
