// softmax: exp(x - max) / sum along attrs.axis (override); an all -Infinity slice gives NaN as in NumPy.

import { softmaxKernel } from './util/softmax.js';

export const softmax = softmaxKernel(false);
