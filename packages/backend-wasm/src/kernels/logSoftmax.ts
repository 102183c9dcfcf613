// logSoftmax: x - max - log(sum exp(x - max)) along attrs.axis (override).

import { softmaxKernel } from './util/softmax.js';

export const logSoftmax = softmaxKernel(true);
