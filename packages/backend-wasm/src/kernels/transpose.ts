// transpose: out[i] = x[perm-permuted index], one strided copy in wasm.

import type { PrimitiveAttrs } from '@libml/core';
import { copyStrided } from './util/copy.js';
import type { WasmKernel } from './util/kernel.js';
import { contiguousStrides } from './util/strides.js';

export const transpose: WasmKernel<PrimitiveAttrs['transpose']> = (rt, inputs, { perm }, outputs) => {
  const out = rt.output(outputs[0]);
  const inStrides = contiguousStrides(inputs[0].shape);
  const outShape = outputs[0].shape;
  copyStrided(
    rt,
    outputs[0].dtype,
    rt.ptr(inputs[0]),
    0,
    perm.map((p) => inStrides[p]),
    out.ptr,
    0,
    contiguousStrides(outShape),
    outShape,
  );
  return [out];
};
