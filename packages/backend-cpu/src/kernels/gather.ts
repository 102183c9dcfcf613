// gather: picks x's slices at int32 `indices` (any shape) along attrs.axis; negative indices count from
// the end. Output shape: x.shape[:axis] + indices.shape + x.shape[axis+1:].

import type { Kernel, PrimitiveAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { copyRun } from './util/copy.js';
import { normalizeIndices } from './util/indices.js';
import { product } from './util/strides.js';

export const gather: Kernel<PrimitiveAttrs['gather']> = (inputs, { axis }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const x = valuesOf(inputs[0]);
  const xShape = inputs[0].shape;
  const axisSize = xShape[axis];
  const indices = normalizeIndices('gather', valuesOf(inputs[1]), axisSize);
  const outer = product(xShape, 0, axis);
  const inner = product(xShape, axis + 1);
  const count = indices.length;
  let d = 0;
  for (let i = 0; i < outer; i++) {
    const base = i * axisSize * inner;
    if (inner === 1) {
      for (let j = 0; j < count; j++) o[d++] = x[base + indices[j]];
    } else {
      for (let j = 0; j < count; j++, d += inner) copyRun(x, base + indices[j] * inner, o, d, inner);
    }
  }
  return [out];
};
