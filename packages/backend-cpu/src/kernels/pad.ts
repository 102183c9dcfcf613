// pad: surrounds x with attrs.value, attrs.paddings[d] = [before, after] elements per dim.

import type { Kernel, PrimitiveAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { copyStrided } from './util/copy.js';
import { contiguousStrides } from './util/strides.js';

export const pad: Kernel<PrimitiveAttrs['pad']> = (inputs, { paddings, value }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  if (value !== 0) o.fill(outputs[0].dtype === 'bool' ? Number(value !== 0) : value);
  const inShape = inputs[0].shape;
  const outStrides = contiguousStrides(outputs[0].shape);
  let offset = 0;
  for (let d = 0; d < paddings.length; d++) offset += paddings[d][0] * outStrides[d];
  copyStrided(valuesOf(inputs[0]), 0, contiguousStrides(inShape), o, offset, outStrides, inShape);
  return [out];
};
