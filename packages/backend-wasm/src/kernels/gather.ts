// gather: x's slices at int32 `indices` (any shape) along attrs.axis; negative indices count from the end.
// Output shape: x.shape[:axis] + indices.shape + x.shape[axis+1:].

import type { PrimitiveAttrs } from '@libml/core';
import { shiftOf } from './util/copy.js';
import { normalizeIndices } from './util/indices.js';
import type { WasmKernel } from './util/kernel.js';
import { product } from './util/strides.js';

export const gather: WasmKernel<PrimitiveAttrs['gather']> = (rt, inputs, { axis }, outputs) => {
  const out = rt.output(outputs[0]);
  const xShape = inputs[0].shape;
  const axisSize = xShape[axis];
  const count = product(inputs[1].shape);
  const idx = normalizeIndices(rt, 'gather', inputs[1], axisSize);
  if (out.size === 0) return [out];
  rt.k.gather(
    shiftOf(outputs[0].dtype),
    rt.ptr(inputs[0]),
    idx,
    out.ptr,
    product(xShape, 0, axis),
    axisSize,
    product(xShape, axis + 1),
    count,
  );
  return [out];
};
