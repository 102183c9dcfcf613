// broadcastTo: repeats x along broadcast dims to attrs.shape (NumPy rules): a copy with zero strides.

import type { Kernel, PrimitiveAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { copyStrided } from './util/copy.js';
import { broadcastStrides, contiguousStrides } from './util/strides.js';

export const broadcastTo: Kernel<PrimitiveAttrs['broadcastTo']> = (inputs, _attrs, outputs) => {
  const out = allocOutput(outputs[0]);
  const shape = outputs[0].shape;
  const x = valuesOf(inputs[0]);
  if (x.length === 1) {
    out.values.fill(x[0]);
    return [out];
  }
  copyStrided(x, 0, broadcastStrides(inputs[0].shape, shape), out.values, 0, contiguousStrides(shape), shape);
  return [out];
};
