// logicalOr (bool output, no gradient): the full truth table, broadcasting in both orders, scalars,
// size-1 and empty dims, odd sizes, and non-bool inputs (counted as `!= 0`, NaN included), also
// mixed with bool.

import { logicalOr } from '@libml/core';
import { defineSuite } from '../types.js';
import { logicalAndCases } from './logicalAnd.js';

export default defineSuite({
  op: 'logicalOr',
  tolerance: 'exact',
  differentiable: [],
  run: ([a, b]) => logicalOr(a, b),
  cases: logicalAndCases,
});
