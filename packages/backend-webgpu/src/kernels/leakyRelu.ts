// leakyRelu: x > 0 ? x : alpha x (override).

import type { OverrideAttrs } from '@libml/core';
import { f32Bits } from '../gpu.js';
import { elementwiseKernel } from './util/elementwise.js';

export const leakyRelu = elementwiseKernel<OverrideAttrs['leakyRelu']>(({ alpha }) => ({
  name: 'leakyRelu',
  expr: () => 'select(pf(EXTRA) * a, a, a > 0.0)',
  extra: [f32Bits(alpha)],
}));
