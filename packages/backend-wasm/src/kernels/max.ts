// max: maximum over attrs.axes (dropped); NaN propagates; an empty reduction gives -Infinity.

import { Reduce } from './util/ops.js';
import { reduceKernel } from './util/reduction.js';

export const max = reduceKernel(Reduce.max);
