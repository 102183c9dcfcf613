// scatterAdd: the adjoint of gather (override): out[..., indices[j], ...] += dy[..., j, ...], starting from
// zeros; out.shape = dy.shape[:axis] + [attrs.size] + dy.shape[axis + indices.rank:].

import type { Kernel, OverrideAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { normalizeIndices } from './util/indices.js';
import { product } from './util/strides.js';

export const scatterAdd: Kernel<OverrideAttrs['scatterAdd']> = (inputs, { axis, size }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const dy = valuesOf(inputs[0]);
  const indices = normalizeIndices('scatterAdd', valuesOf(inputs[1]), size);
  const outShape = outputs[0].shape;
  const outer = product(outShape, 0, axis);
  const inner = product(outShape, axis + 1);
  const count = indices.length;
  let s = 0;
  for (let i = 0; i < outer; i++) {
    const base = i * size * inner;
    for (let j = 0; j < count; j++) {
      const d = base + indices[j] * inner;
      for (let k = 0; k < inner; k++, s++) o[d + k] += dy[s];
    }
  }
  return [out];
};
