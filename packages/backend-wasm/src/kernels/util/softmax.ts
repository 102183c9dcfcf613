// softmax and logSoftmax along one axis: max-shifted exponentials (the SIMD float32 exp of
// assembly/math.ts) summed in float64. Along the last axis of a large input, a threaded backend queues
// blocks of rows for its threads (every row gets the same arithmetic: bit-identical to one thread).

import { FN_SOFTMAX } from '../../protocol.js';
import type { WasmKernel } from './kernel.js';
import { reductionView } from './reduce.js';

/** Floating-point work per element that pool.worthSplitting weighs (the exp dominates: ~16 operations). */
export const EXP_WORK = 16;

export function softmaxKernel(log: boolean): WasmKernel<{ readonly axis: number }> {
  return (rt, inputs, { axis }, outputs) => {
    const out = rt.output(outputs[0]);
    if (out.size === 0) return [out];
    // One axis is always one block: the view is the input itself.
    const { ptr, outer, reduce, inner } = reductionView(rt, inputs[0], [axis]);
    const pool = rt.pool;
    if (pool && inner === 1 && outer >= 2 && pool.worthSplitting(out.size * EXP_WORK)) {
      // A queue of row blocks (about 8 per thread) taken by every thread from a shared counter, so a
      // worker that wakes late does fewer blocks instead of holding the caller up.
      const blocks = Math.min(outer, 8 * pool.threads);
      const calls: number[][] = [];
      for (let j = 0; j < blocks; j++) {
        const start = Math.floor((j * outer) / blocks);
        const end = Math.floor(((j + 1) * outer) / blocks);
        const offset = start * reduce * 4;
        calls.push([FN_SOFTMAX, 0, log ? 1 : 0, ptr + offset, out.ptr + offset, end - start, reduce, 1, 0]);
      }
      const table = Array.from({ length: pool.threads }, () => [0]);
      pool.runJobs(rt.k, 1, table, calls, (bytes) => rt.temp(bytes));
      return [out];
    }
    const scratch = rt.temp(inner * 16);
    rt.k.softmax(log ? 1 : 0, ptr, out.ptr, outer, reduce, inner, scratch);
    return [out];
  };
}
