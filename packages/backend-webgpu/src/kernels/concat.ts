// concat: one strided copy per input into its slab of the output (each dispatch binds two buffers, so
// any number of inputs stays within the storage-buffer limit).

import type { PrimitiveAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { copyStrided } from './util/copy.js';
import { allocOutput, dataOf, stridesOf } from './util/wgsl.js';

export const concat: GpuKernel<PrimitiveAttrs['concat']> = (gpu, inputs, { axis }, [out]) => {
  const y = allocOutput(gpu, 'concat', out);
  const os = stridesOf(out.shape);
  let offset = 0;
  for (const x of inputs) {
    copyStrided(gpu, 'concat', dataOf(gpu, x), y, x.shape, stridesOf(x.shape), 0, os, offset * os[axis]);
    offset += x.shape[axis];
  }
  return [y];
};
