// less (a < b, bool output, no gradient): the shared comparison cases (comparison-cases.ts): ties,
// broadcasting in both orders, scalars, size-1 and empty dims, int32, mixed dtypes, bool, NaN/Inf.

import { less } from '@libml/core';
import { defineSuite } from '../types.js';
import { comparisonCases } from './comparison-cases.js';

export default defineSuite({
  op: 'less',
  tolerance: 'exact',
  differentiable: [],
  run: ([a, b]) => less(a, b),
  cases: comparisonCases,
});
