// prod: multiplies over attrs.axes (dropped), in float64; int32 wraps.

import { Reduce } from './util/ops.js';
import { reduceKernel } from './util/reduction.js';

export const prod = reduceKernel(Reduce.prod);
