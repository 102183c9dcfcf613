// broadcastTo: NumPy broadcasting as a strided copy with zero strides along stretched dims.

import type { PrimitiveAttrs } from '@libml/core';
import { copyStrided } from './util/copy.js';
import type { WasmKernel } from './util/kernel.js';
import { broadcastStrides, contiguousStrides } from './util/strides.js';

export const broadcastTo: WasmKernel<PrimitiveAttrs['broadcastTo']> = (rt, inputs, _attrs, outputs) => {
  const out = rt.output(outputs[0]);
  const shape = outputs[0].shape;
  copyStrided(
    rt,
    outputs[0].dtype,
    rt.ptr(inputs[0]),
    0,
    broadcastStrides(inputs[0].shape, shape),
    out.ptr,
    0,
    contiguousStrides(shape),
    shape,
  );
  return [out];
};
