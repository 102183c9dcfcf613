// pad: constant padding; the output is filled with attrs.value and x is copied into its interior.

import type { PrimitiveAttrs } from '@libml/core';
import { copyStrided } from './util/copy.js';
import type { WasmKernel } from './util/kernel.js';
import { contiguousStrides } from './util/strides.js';

const bits = new DataView(new ArrayBuffer(4));

export const pad: WasmKernel<PrimitiveAttrs['pad']> = (rt, inputs, { paddings, value }, outputs) => {
  const spec = outputs[0];
  const out = rt.output(spec);
  if (out.size === 0) return [out];
  if (spec.dtype === 'bool') {
    rt.k.fill8(out.ptr, value !== 0 ? 1 : 0, out.size);
  } else {
    if (spec.dtype === 'float32') bits.setFloat32(0, value, true);
    else bits.setInt32(0, value, true);
    rt.k.fill32(out.ptr, bits.getInt32(0, true), out.size);
  }
  const outStrides = contiguousStrides(spec.shape);
  let offset = 0;
  for (let i = 0; i < paddings.length; i++) offset += paddings[i][0] * outStrides[i];
  const inShape = inputs[0].shape;
  copyStrided(
    rt,
    spec.dtype,
    rt.ptr(inputs[0]),
    0,
    contiguousStrides(inShape),
    out.ptr,
    offset,
    outStrides,
    inShape,
  );
  return [out];
};
