// softmax (override) along one axis, max-shifted: stable at any magnitude; a row of -Infinity gives NaN.

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { runSoftmax } from './util/softmax.js';

export const softmax: GpuKernel<OverrideAttrs['softmax']> = (gpu, [x], { axis }, [out]) => [
  runSoftmax(gpu, 'softmax', x, axis, out),
];
