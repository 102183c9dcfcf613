// sum: adds over attrs.axes (dropped); float32 in float64 accumulators (SIMD), int32 wraps.

import { Reduce } from './util/ops.js';
import { reduceKernel } from './util/reduction.js';

export const sum = reduceKernel(Reduce.sum);
