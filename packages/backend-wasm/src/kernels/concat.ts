// concat: each input copied into its slab of the output along attrs.axis.

import type { PrimitiveAttrs } from '@libml/core';
import { copyStrided } from './util/copy.js';
import type { WasmKernel } from './util/kernel.js';
import { contiguousStrides } from './util/strides.js';

export const concat: WasmKernel<PrimitiveAttrs['concat']> = (rt, inputs, { axis }, outputs) => {
  const spec = outputs[0];
  const out = rt.output(spec);
  if (out.size === 0) return [out];
  const outStrides = contiguousStrides(spec.shape);
  let offset = 0;
  for (const input of inputs) {
    const shape = input.shape;
    copyStrided(
      rt,
      spec.dtype,
      rt.ptr(input),
      0,
      contiguousStrides(shape),
      out.ptr,
      offset,
      outStrides,
      shape,
    );
    offset += shape[axis] * outStrides[axis];
  }
  return [out];
};
