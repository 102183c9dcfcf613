// Gradient of maxPool2d: each window's dy goes to its first maximal element (NaN counts as maximal),
// summed where windows overlap. Decomposes into argMax over the windows, a one-hot mask, and the VJP
// of the (linear) window extraction. Its own gradient comes from that decomposition.

import type { Pool2dAttrs } from '../backend.js';
import { toNCHW } from '../conv-geometry.js';
import { apply, type OpSpec, tidy, traceVjp } from '../engine.js';
import type { Tensor } from '../tensor.js';
import { argMax } from './argMax.js';
import { expandDims } from './expandDims.js';
import { poolWindows } from './maxPool2d.js';
import { mul } from './mul.js';
import { oneHot } from './oneHot.js';

const spec: OpSpec<Pool2dAttrs> = {
  name: 'maxPool2dGrad',
  infer: ([x]) => [{ shape: x.shape, dtype: x.dtype }],
  decompose([x, dy], a) {
    const windows = poolWindows(x, a, Number.NEGATIVE_INFINITY);
    const k = a.kernelSize[0] * a.kernelSize[1];
    const routed = mul(
      oneHot(argMax(windows, -1), k, { dtype: dy.dtype }),
      expandDims(toNCHW(dy, a.dataFormat), -1),
    );
    const [dx] = traceVjp(([xs]) => [poolWindows(xs, a, 0)], [x], [routed]);
    return [dx!];
  },
};

/**
 * The gradient of maxPool2d with resolved `attrs`: each element of `dy` goes to the first maximal element of
 * its window in `x` (NaN counts as maximal), summed where windows overlap; the result has x's shape.
 */
export function maxPool2dGrad(x: Tensor, dy: Tensor, attrs: Pool2dAttrs): Tensor {
  return tidy(() => apply(spec, [x, dy], attrs)[0]);
}
