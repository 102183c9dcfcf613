// softmax and logSoftmax along one axis: max-shifted exponentials summed in float64.

import type { WasmKernel } from './kernel.js';
import { reductionView } from './reduce.js';

export function softmaxKernel(log: boolean): WasmKernel<{ readonly axis: number }> {
  return (rt, inputs, { axis }, outputs) => {
    const out = rt.output(outputs[0]);
    if (out.size === 0) return [out];
    // One axis is always one block: the view is the input itself.
    const { ptr, outer, reduce, inner } = reductionView(rt, inputs[0], [axis]);
    const scratch = rt.temp(inner * 16);
    rt.k.softmax(log ? 1 : 0, ptr, out.ptr, outer, reduce, inner, scratch);
    return [out];
  };
}
