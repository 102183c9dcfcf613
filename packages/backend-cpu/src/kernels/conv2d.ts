// conv2d: grouped, strided, dilated 2-D convolution (override), NCHW or NHWC data, OIHW or HWIO filter:
// im2col per image and group, then one blocked gemm straight into the output.

import { allocArray, type Conv2dAttrs, type Kernel } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { columnMatrix, convGeometry, filterMatrix, imageToColumns, outputMatrix } from './util/conv.js';
import { gemm } from './util/gemm.js';

export const conv2d: Kernel<Conv2dAttrs> = (inputs, attrs, outputs) => {
  const out = allocOutput(outputs[0]);
  const y = out.values;
  const x = valuesOf(inputs[0]);
  const filter = valuesOf(inputs[1]);
  const geo = convGeometry(inputs[0].shape, inputs[1].shape, outputs[0].shape, attrs);
  const { positions: p, taps, groupOutChannels: cout, channelsLast } = geo;
  const columns = allocArray(inputs[0].dtype, geo.pointwise ? 0 : taps * p);
  for (let n = 0; n < geo.batch; n++) {
    for (let g = 0; g < geo.groups; g++) {
      if (!geo.pointwise) imageToColumns(geo, x, n, g, columns, false);
      // Pick the orientation whose output matrix has unit column stride.
      if (channelsLast) {
        const col = columnMatrix(geo, x, n, g, columns, true);
        gemm(p, cout, taps, col, filterMatrix(geo, filter, g, true), outputMatrix(geo, y, n, g, true), false);
      } else {
        const col = columnMatrix(geo, x, n, g, columns, false);
        gemm(
          cout,
          p,
          taps,
          filterMatrix(geo, filter, g, false),
          col,
          outputMatrix(geo, y, n, g, false),
          false,
        );
      }
    }
  }
  return [out];
};
