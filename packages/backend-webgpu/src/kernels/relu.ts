// relu: max(x, 0) (override); NaN propagates; int32 too.

import { elementwiseKernel } from './util/elementwise.js';

export const relu = elementwiseKernel({
  name: 'relu',
  expr: ([t]) => (t === 'f32' ? 'select(select(0.0, a, a > 0.0), a, is_nan(a))' : 'max(a, 0i)'),
});
