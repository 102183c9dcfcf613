// concat: joins the inputs along attrs.axis: per input, one contiguous block per outer index.

import type { Kernel, PrimitiveAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { copyRun } from './util/copy.js';
import { product } from './util/strides.js';

export const concat: Kernel<PrimitiveAttrs['concat']> = (inputs, { axis }, outputs) => {
  const out = allocOutput(outputs[0]);
  const o = out.values;
  const outShape = outputs[0].shape;
  const outer = product(outShape, 0, axis);
  const outBlock = product(outShape, axis);
  let start = 0;
  for (const input of inputs) {
    const x = valuesOf(input);
    const block = product(input.shape, axis);
    for (let i = 0; i < outer; i++) copyRun(x, i * block, o, i * outBlock + start, block);
    start += block;
  }
  return [out];
};
