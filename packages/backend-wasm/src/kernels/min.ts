// min: minimum over attrs.axes (dropped) (override); NaN propagates; empty gives +Infinity.

import { Reduce } from './util/ops.js';
import { reduceKernel } from './util/reduction.js';

export const min = reduceKernel(Reduce.min);
