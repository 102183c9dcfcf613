// logSoftmax (override) along one axis: (x - max) - log(sum exp(x - max)).

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { runSoftmax } from './util/softmax.js';

export const logSoftmax: GpuKernel<OverrideAttrs['logSoftmax']> = (gpu, [x], { axis }, [out]) => [
  runSoftmax(gpu, 'logSoftmax', x, axis, out),
];
