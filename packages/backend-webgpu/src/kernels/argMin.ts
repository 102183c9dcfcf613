// argMin (override): int32 index of the first minimum along axis; NaN counts as the minimum.

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { argReduce } from './util/arg.js';

export const argMin: GpuKernel<OverrideAttrs['argMin']> = (gpu, [x], { axis }, [out]) => [
  argReduce(gpu, 'argMin', x, axis, out),
];
