// conv2dBackpropInput: the adjoint of conv2d with respect to x (override); inputs [dy, filter]. Per image
// and group, dcol = W_g^T · dy_g by gemm, then col2im (in wasm) adds the columns back onto the image.

import type { Conv2dAttrs } from '@libml/core';
import { columnMatrix, convGeometry, filterMatrix, outputMatrix } from './util/conv.js';
import { gemm } from './util/gemm.js';
import type { WasmKernel } from './util/kernel.js';

export const conv2dBackpropInput: WasmKernel<Conv2dAttrs> = (rt, inputs, attrs, outputs) => {
  const out = rt.zeros(outputs[0]);
  if (out.size === 0) return [out];
  const dy = rt.ptr(inputs[0]);
  const filter = rt.ptr(inputs[1]);
  const geo = convGeometry(outputs[0].shape, inputs[1].shape, inputs[0].shape, attrs);
  const { positions: p, taps, groupOutChannels: cout, channelsLast, pointwise } = geo;
  const columns = pointwise ? 0 : rt.temp(taps * p * 4);
  const block = rt.ints(geo.block);
  for (let n = 0; n < geo.batch; n++) {
    for (let g = 0; g < geo.groups; g++) {
      if (channelsLast) {
        const dcol = columnMatrix(geo, out.ptr, n, g, columns, true);
        gemm(
          rt,
          p,
          taps,
          cout,
          outputMatrix(geo, dy, n, g, true),
          filterMatrix(geo, filter, g, false),
          dcol,
          false,
        );
      } else {
        const dcol = columnMatrix(geo, out.ptr, n, g, columns, false);
        gemm(
          rt,
          taps,
          p,
          cout,
          filterMatrix(geo, filter, g, true),
          outputMatrix(geo, dy, n, g, false),
          dcol,
          false,
        );
      }
      if (!pointwise) rt.k.imageToColumns(block, out.ptr, n, g, columns, 1);
    }
  }
  return [out];
};
