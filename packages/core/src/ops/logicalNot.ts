// Elementwise logical not (inputs other than bool count as `!= 0`). Decomposes into x == false.

import { elementwiseSpec, logical, type TensorLike } from '../op-helpers.js';
import type { Tensor } from '../tensor.js';
import { equal } from './equal.js';

const spec = elementwiseSpec('logicalNot', {
  outDtype: 'bool',
  nondifferentiable: true,
  decompose: ([x]) => [equal(x, false)],
});

/** Elementwise logical not; an `x` that is not bool counts as `!= 0`. Output bool; not differentiable. */
export function logicalNot(x: TensorLike): Tensor {
  return logical(spec, [x], null, ['x']);
}
