// sigmoid: 1 / (1 + e^-x) (override), evaluated on the side where e^x cannot overflow; NaN stays NaN (exp_).

import { unaryKernel } from './util/elementwise.js';
import { EXP_WGSL } from './util/math.js';

export const sigmoid = unaryKernel(
  'sigmoid',
  'sigmoid_(a)',
  `${EXP_WGSL}fn sigmoid_(x: f32) -> f32 { if (x >= 0.0) { return 1.0 / (1.0 + exp_(-x)); } let e = exp_(x); return e / (1.0 + e); }`,
);
