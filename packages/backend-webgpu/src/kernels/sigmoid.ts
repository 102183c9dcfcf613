// sigmoid: 1 / (1 + e^-x) (override), evaluated on the side where e^x cannot overflow.

import { unaryKernel } from './util/elementwise.js';

export const sigmoid = unaryKernel(
  'sigmoid',
  'sigmoid_(a)',
  'fn sigmoid_(x: f32) -> f32 { if (x >= 0.0) { return 1.0 / (1.0 + exp(-x)); } let e = exp(x); return e / (1.0 + e); }',
);
