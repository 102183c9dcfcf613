// scatterAdd: the adjoint of gather (override): out[..., indices[j], ...] += dy[..., j, ...] from zeros;
// out.shape = dy.shape[:axis] + [attrs.size] + dy.shape[axis + indices.rank:].

import type { OverrideAttrs } from '@libml/core';
import { normalizeIndices } from './util/indices.js';
import type { WasmKernel } from './util/kernel.js';
import { product } from './util/strides.js';

export const scatterAdd: WasmKernel<OverrideAttrs['scatterAdd']> = (rt, inputs, { axis, size }, outputs) => {
  const out = rt.zeros(outputs[0]);
  const idx = normalizeIndices(rt, 'scatterAdd', inputs[1], size);
  if (out.size === 0) return [out];
  const outShape = outputs[0].shape;
  const count = product(inputs[1].shape);
  const outer = product(outShape, 0, axis);
  const inner = product(outShape, axis + 1);
  if (outputs[0].dtype === 'float32') {
    rt.k.scatterAddF32(rt.ptr(inputs[0]), idx, out.ptr, outer, size, inner, count);
    return [out];
  }
  // Integer gradients do not occur; kept complete with a plain wrapping loop.
  const i32 = rt.heap.i32;
  const dy = rt.ptr(inputs[0]) >> 2;
  const o = out.ptr >> 2;
  const ix = idx >> 2;
  for (let i = 0, s = 0; i < outer; i++) {
    for (let j = 0; j < count; j++) {
      const d = o + (i * size + i32[ix + j]) * inner;
      for (let k = 0; k < inner; k++, s++) i32[d + k] = (i32[d + k] + i32[dy + s]) | 0;
    }
  }
  return [out];
};
