// argMin (int32 output, no gradient): default axis (-1), every axis of a rank-3 input, negative axes, a
// size-1 axis, odd lengths, int32 input; ties (the first minimum wins) and NaN (counts as the minimum,
// first NaN wins) with +-Inf.

import { argMin } from '@libml/core';
import { defineSuite } from '../types.js';
import { argMaxCases } from './argMax.js';

export default defineSuite({
  op: 'argMin',
  tolerance: 'exact',
  differentiable: [],
  run: ([x], attrs) => argMin(x, attrs.axis as number | undefined),
  cases: argMaxCases,
});
