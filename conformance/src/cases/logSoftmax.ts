// logSoftmax: default axis (-1), axis 0, a middle axis, negative axes, a size-1 axis, odd lengths, an empty
// batch, large magnitudes (+-300, stable without overflow), -Inf entries (masked classes) and NaN.

import { logSoftmax } from '@libml/core';
import { defineSuite } from '../types.js';
import { axisLength, softmaxCases } from './softmax.js';

export default defineSuite({
  op: 'logSoftmax',
  tolerance: 'reduction',
  differentiable: [0],
  reductionLength: axisLength,
  run: ([x], attrs) => logSoftmax(x, attrs.axis as number | undefined),
  cases: softmaxCases,
});
