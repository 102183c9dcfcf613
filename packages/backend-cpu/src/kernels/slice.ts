// slice: the block of x starting at attrs.begin with extent attrs.size: a strided copy.

import type { Kernel, PrimitiveAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { copyStrided } from './util/copy.js';
import { contiguousStrides } from './util/strides.js';

export const slice: Kernel<PrimitiveAttrs['slice']> = (inputs, { begin }, outputs) => {
  const out = allocOutput(outputs[0]);
  const shape = outputs[0].shape;
  const inStrides = contiguousStrides(inputs[0].shape);
  let offset = 0;
  for (let d = 0; d < begin.length; d++) offset += begin[d] * inStrides[d];
  copyStrided(valuesOf(inputs[0]), offset, inStrides, out.values, 0, contiguousStrides(shape), shape);
  return [out];
};
