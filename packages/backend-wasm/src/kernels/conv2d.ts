// conv2d: grouped, strided, dilated 2-D convolution (override), NCHW or NHWC data, OIHW or HWIO filter:
// im2col per image and group in wasm, then one SIMD gemm straight into the output.

import type { Conv2dAttrs } from '@libml/core';
import { columnMatrix, convGeometry, filterMatrix, outputMatrix } from './util/conv.js';
import { gemm } from './util/gemm.js';
import type { WasmKernel } from './util/kernel.js';

export const conv2d: WasmKernel<Conv2dAttrs> = (rt, inputs, attrs, outputs) => {
  const out = rt.output(outputs[0]);
  if (out.size === 0) return [out];
  const x = rt.ptr(inputs[0]);
  const filter = rt.ptr(inputs[1]);
  const geo = convGeometry(inputs[0].shape, inputs[1].shape, outputs[0].shape, attrs);
  const { positions: p, taps, groupOutChannels: cout, channelsLast } = geo;
  const columns = geo.pointwise ? 0 : rt.temp(taps * p * 4);
  const block = rt.ints(geo.block);
  for (let n = 0; n < geo.batch; n++) {
    for (let g = 0; g < geo.groups; g++) {
      if (!geo.pointwise) rt.k.imageToColumns(block, x, n, g, columns, 0);
      if (channelsLast) {
        const col = columnMatrix(geo, x, n, g, columns, true);
        gemm(
          rt,
          p,
          cout,
          taps,
          col,
          filterMatrix(geo, filter, g, true),
          outputMatrix(geo, out.ptr, n, g, true),
          false,
        );
      } else {
        const col = columnMatrix(geo, x, n, g, columns, false);
        gemm(
          rt,
          cout,
          p,
          taps,
          filterMatrix(geo, filter, g, false),
          col,
          outputMatrix(geo, out.ptr, n, g, false),
          false,
        );
      }
    }
  }
  return [out];
};
