// transpose: out[c] = x[c permuted]; a strided copy reading x with permuted strides.

import type { PrimitiveAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { copyStrided } from './util/copy.js';
import { allocOutput, dataOf, stridesOf } from './util/wgsl.js';

export const transpose: GpuKernel<PrimitiveAttrs['transpose']> = (gpu, [x], { perm }, [out]) => {
  const y = allocOutput(gpu, 'transpose', out);
  const xs = stridesOf(x.shape);
  copyStrided(
    gpu,
    'transpose',
    dataOf(gpu, x),
    y,
    out.shape,
    perm.map((p) => xs[p]),
    0,
    stridesOf(out.shape),
    0,
  );
  return [y];
};
