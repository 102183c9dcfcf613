// elu: x > 0 ? x : alpha (e^x - 1) (override).

import type { OverrideAttrs } from '@libml/core';
import { f32Bits } from '../gpu.js';
import { elementwiseKernel } from './util/elementwise.js';

export const elu = elementwiseKernel<OverrideAttrs['elu']>(({ alpha }) => ({
  name: 'elu',
  expr: () => 'select(pf(EXTRA) * (exp(a) - 1.0), a, a > 0.0 || is_nan(a))',
  extra: [f32Bits(alpha)],
}));
