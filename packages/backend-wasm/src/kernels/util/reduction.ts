// Kernel factory for sum / prod / max / min / mean: float32 in float64 accumulators (max/min exact,
// NaN-propagating), int32 wrapping; bool inputs are widened to int32 first.

import type { TensorInfo, TensorSpec } from '@libml/core';
import { WasmData } from '../../data.js';
import type { Runtime } from '../../runtime.js';
import type { WasmKernel } from './kernel.js';
import { Cast, Reduce } from './ops.js';
import { reductionView } from './reduce.js';

/** An int32 copy of a bool input (in scratch), or the input itself. */
export function widenBool(rt: Runtime, input: TensorInfo): TensorInfo {
  if (input.dtype !== 'bool') return input;
  let size = 1;
  for (const d of input.shape) size *= d;
  const ptr = rt.temp(size * 4);
  rt.k.cast(Cast.b2i, rt.ptr(input), ptr, size);
  return { shape: input.shape, dtype: 'int32', dataId: new WasmData(ptr, size, 'int32', size * 4) };
}

export function reduceRun(
  rt: Runtime,
  op: number,
  input: TensorInfo,
  axes: readonly number[],
  spec: TensorSpec,
): WasmData {
  const out = rt.output(spec);
  if (out.size === 0) return out;
  const x = widenBool(rt, input);
  const view = reductionView(rt, x, axes);
  const { outer, reduce, inner } = view;
  if (x.dtype === 'float32') {
    const scratch = inner > 1 ? rt.temp(inner * 8) : 0;
    rt.k.reduceF32(op, view.ptr, out.ptr, outer, reduce, inner, scratch);
  } else {
    const tmp = spec.dtype === 'int32' ? out.ptr : rt.temp(out.size * 4);
    rt.k.reduceI32(op === Reduce.mean ? Reduce.sum : op, view.ptr, tmp, outer, reduce, inner);
    if (spec.dtype === 'float32') {
      rt.k.cast(Cast.i2f, tmp, out.ptr, out.size);
      if (op === Reduce.mean) {
        const f = rt.heap.f32;
        for (let i = 0, p = out.ptr >> 2; i < out.size; i++) f[p + i] /= reduce;
      }
    } else if (spec.dtype === 'bool') {
      rt.k.cast(Cast.i2b, tmp, out.ptr, out.size);
    }
  }
  return out;
}

export function reduceKernel(op: number): WasmKernel<{ readonly axes: readonly number[] }> {
  return (rt, inputs, { axes }, outputs) => [reduceRun(rt, op, inputs[0], axes, outputs[0])];
}
