// gelu: x Phi(x) (override): exact through erfc (accurate in the negative tail), or the tanh approximation.

import type { OverrideAttrs } from '@libml/core';
import { elementwiseKernel } from './util/elementwise.js';
import { ERF_WGSL, TANH_WGSL } from './util/math.js';

export const gelu = elementwiseKernel<OverrideAttrs['gelu']>(({ approximate }) => ({
  name: 'gelu',
  variant: approximate,
  expr: () =>
    approximate === 'tanh'
      ? '0.5 * a * (1.0 + tanh_(0.7978845608028654 * (a + 0.044715 * a * a * a)))'
      : '0.5 * a * erfc_(-a * 0.7071067811865476)',
  prelude: () => (approximate === 'tanh' ? TANH_WGSL : ERF_WGSL),
}));
