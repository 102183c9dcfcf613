// argMax / argMin: int32 index of the first extremum along one axis; the first NaN counts as the extremum.

import type { WasmKernel } from './kernel.js';
import { reductionView } from './reduce.js';
import { widenBool } from './reduction.js';

export function argKernel(isMax: boolean): WasmKernel<{ readonly axis: number }> {
  return (rt, inputs, { axis }, outputs) => {
    const out = rt.zeros(outputs[0]);
    if (out.size === 0) return [out];
    const x = widenBool(rt, inputs[0]);
    const { ptr, outer, reduce, inner } = reductionView(rt, x, [axis]);
    if (reduce === 0) return [out];
    rt.k.argReduce(isMax ? 1 : 0, x.dtype === 'int32' ? 1 : 0, ptr, out.ptr, outer, reduce, inner);
    return [out];
  };
}
