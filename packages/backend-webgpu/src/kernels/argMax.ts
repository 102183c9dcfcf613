// argMax (primitive): int32 index of the first maximum along axis; NaN counts as the maximum.

import type { PrimitiveAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { argReduce } from './util/arg.js';

export const argMax: GpuKernel<PrimitiveAttrs['argMax']> = (gpu, [x], { axis }, [out]) => [
  argReduce(gpu, 'argMax', x, axis, out),
];
