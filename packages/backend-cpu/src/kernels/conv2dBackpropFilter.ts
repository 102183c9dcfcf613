// conv2dBackpropFilter: the adjoint of conv2d with respect to the filter (override); inputs [x, dy].
// dW_g = sum over images of dy_g · col^T, accumulated by gemm in float64.

import { allocArray, type Conv2dAttrs, type Kernel } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { columnMatrix, convGeometry, filterMatrix, imageToColumns, outputMatrix } from './util/conv.js';
import { gemm } from './util/gemm.js';

export const conv2dBackpropFilter: Kernel<Conv2dAttrs> = (inputs, attrs, outputs) => {
  const out = allocOutput(outputs[0]);
  const x = valuesOf(inputs[0]);
  const dy = valuesOf(inputs[1]);
  const geo = convGeometry(inputs[0].shape, outputs[0].shape, inputs[1].shape, attrs);
  const { positions: p, taps, groupOutChannels: cout } = geo;
  // Sums over the batch happen across gemm calls, so keep them in float64 until the end.
  const dw = out.values instanceof Float64Array ? out.values : new Float64Array(out.values.length);
  const columns = allocArray(inputs[0].dtype, geo.pointwise ? 0 : taps * p);
  // OIHW rows (o) are contiguous in taps; HWIO rows (taps) are contiguous in o: write along the unit stride.
  const tapsMajor = geo.filterOutStride === 1;
  for (let n = 0; n < geo.batch; n++) {
    const accumulate = n > 0;
    for (let g = 0; g < geo.groups; g++) {
      if (!geo.pointwise) imageToColumns(geo, x, n, g, columns, false);
      if (tapsMajor) {
        const col = columnMatrix(geo, x, n, g, columns, false);
        gemm(
          taps,
          cout,
          p,
          col,
          outputMatrix(geo, dy, n, g, true),
          filterMatrix(geo, dw, g, true),
          accumulate,
        );
      } else {
        const col = columnMatrix(geo, x, n, g, columns, true);
        gemm(
          cout,
          taps,
          p,
          outputMatrix(geo, dy, n, g, false),
          col,
          filterMatrix(geo, dw, g, false),
          accumulate,
        );
      }
    }
  }
  if (dw !== out.values) out.values.set(dw);
  return [out];
};
