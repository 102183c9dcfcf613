// mean: average over attrs.axes (dropped) (override), summed in float64; empty gives NaN.

import { Reduce } from './util/ops.js';
import { reduceKernel } from './util/reduction.js';

export const mean = reduceKernel(Reduce.mean);
