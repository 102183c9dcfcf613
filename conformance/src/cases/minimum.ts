// minimum: operands kept apart (|a| in [0.25, 2) against |b| < 0.1, so finite differences never straddle a
// switch) with broadcasting in both orders, scalars, size-1 and empty dims, odd sizes, int32; ties (the
// gradient is shared 1/2 each, also through broadcasting) and NaN/Inf (NaN propagates).
// Tolerance: the forward is exact, but broadcast gradients are sums, so 'elementwise'.

import { minimum } from '@libml/core';
import { defineSuite } from '../types.js';
import { extremumCases } from './maximum.js';

export default defineSuite({
  op: 'minimum',
  tolerance: 'elementwise',
  differentiable: (c) => (c.inputs.some((s) => s.dtype === 'int32') ? [] : [0, 1]),
  run: ([a, b]) => minimum(a, b),
  cases: extremumCases,
});
