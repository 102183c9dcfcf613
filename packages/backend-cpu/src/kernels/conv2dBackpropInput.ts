// conv2dBackpropInput: the adjoint of conv2d with respect to x (override); inputs [dy, filter]. Per image
// and group, dcol = W_g^T · dy_g by gemm, then col2im adds the columns back onto the image.

import type { Conv2dAttrs, Kernel } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { columnMatrix, convGeometry, filterMatrix, imageToColumns, outputMatrix } from './util/conv.js';
import { gemm } from './util/gemm.js';

export const conv2dBackpropInput: Kernel<Conv2dAttrs> = (inputs, attrs, outputs) => {
  const out = allocOutput(outputs[0]);
  const dy = valuesOf(inputs[0]);
  const filter = valuesOf(inputs[1]);
  const geo = convGeometry(outputs[0].shape, inputs[1].shape, inputs[0].shape, attrs);
  const { positions: p, taps, groupOutChannels: cout, channelsLast, pointwise } = geo;
  // Overlapping windows add up in float64; a pointwise conv writes each dx element exactly once.
  const dx =
    pointwise || out.values instanceof Float64Array ? out.values : new Float64Array(out.values.length);
  const columns = new Float64Array(pointwise ? 0 : taps * p);
  for (let n = 0; n < geo.batch; n++) {
    for (let g = 0; g < geo.groups; g++) {
      if (channelsLast) {
        const dcol = columnMatrix(geo, dx, n, g, columns, true);
        gemm(
          p,
          taps,
          cout,
          outputMatrix(geo, dy, n, g, true),
          filterMatrix(geo, filter, g, false),
          dcol,
          false,
        );
      } else {
        const dcol = columnMatrix(geo, dx, n, g, columns, false);
        gemm(
          taps,
          p,
          cout,
          filterMatrix(geo, filter, g, true),
          outputMatrix(geo, dy, n, g, false),
          dcol,
          false,
        );
      }
      if (!pointwise) imageToColumns(geo, dx, n, g, columns, true);
    }
  }
  if (dx !== out.values) out.values.set(dx);
  return [out];
};
