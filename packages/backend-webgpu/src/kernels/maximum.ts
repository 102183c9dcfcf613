// maximum: elementwise max with broadcasting; NaN propagates.

import { type ElementwiseOp, elementwiseKernel } from './util/elementwise.js';
import { MINMAX_WGSL } from './util/math.js';

export const maximumOp: ElementwiseOp = {
  name: 'maximum',
  expr: ([t]) => (t === 'f32' ? 'max_nan(a, b)' : 'max(a, b)'),
  prelude: () => MINMAX_WGSL,
};
export const maximum = elementwiseKernel(maximumOp);
