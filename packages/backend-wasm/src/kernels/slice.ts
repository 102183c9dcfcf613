// slice: the block at attrs.begin of attrs.size, one strided copy.

import type { PrimitiveAttrs } from '@libml/core';
import { copyStrided } from './util/copy.js';
import type { WasmKernel } from './util/kernel.js';
import { contiguousStrides } from './util/strides.js';

export const slice: WasmKernel<PrimitiveAttrs['slice']> = (rt, inputs, { begin }, outputs) => {
  const out = rt.output(outputs[0]);
  const inStrides = contiguousStrides(inputs[0].shape);
  let offset = 0;
  for (let i = 0; i < begin.length; i++) offset += begin[i] * inStrides[i];
  const shape = outputs[0].shape;
  copyStrided(
    rt,
    outputs[0].dtype,
    rt.ptr(inputs[0]),
    offset,
    inStrides,
    out.ptr,
    0,
    contiguousStrides(shape),
    shape,
  );
  return [out];
};
