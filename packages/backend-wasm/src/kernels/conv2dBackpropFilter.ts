// conv2dBackpropFilter: the adjoint of conv2d with respect to the filter (override); inputs [x, dy].
// dW_g = sum over images of dy_g · col^T, accumulated by the SIMD gemm.

import type { Conv2dAttrs } from '@libml/core';
import { columnMatrix, convGeometry, filterMatrix, outputMatrix } from './util/conv.js';
import { gemm } from './util/gemm.js';
import type { WasmKernel } from './util/kernel.js';

export const conv2dBackpropFilter: WasmKernel<Conv2dAttrs> = (rt, inputs, attrs, outputs) => {
  const out = rt.zeros(outputs[0]);
  if (out.size === 0) return [out];
  const x = rt.ptr(inputs[0]);
  const dy = rt.ptr(inputs[1]);
  const geo = convGeometry(inputs[0].shape, outputs[0].shape, inputs[1].shape, attrs);
  const { positions: p, taps, groupOutChannels: cout } = geo;
  const columns = geo.pointwise ? 0 : rt.temp(taps * p * 4);
  const block = rt.ints(geo.block);
  // OIHW rows (o) are contiguous in taps; HWIO rows (taps) are contiguous in o: write along the unit stride.
  const tapsMajor = geo.filterOutStride === 1;
  for (let n = 0; n < geo.batch; n++) {
    const accumulate = n > 0;
    for (let g = 0; g < geo.groups; g++) {
      if (!geo.pointwise) rt.k.imageToColumns(block, x, n, g, columns, 0);
      if (tapsMajor) {
        const col = columnMatrix(geo, x, n, g, columns, false);
        gemm(
          rt,
          taps,
          cout,
          p,
          col,
          outputMatrix(geo, dy, n, g, true),
          filterMatrix(geo, out.ptr, g, true),
          accumulate,
        );
      } else {
        const col = columnMatrix(geo, x, n, g, columns, true);
        gemm(
          rt,
          cout,
          taps,
          p,
          outputMatrix(geo, dy, n, g, false),
          col,
          filterMatrix(geo, out.ptr, g, false),
          accumulate,
        );
      }
    }
  }
  return [out];
};
