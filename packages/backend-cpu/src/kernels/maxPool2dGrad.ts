// maxPool2dGrad: inputs [x, dy] (override); routes each dy to the first maximal element of its window
// (row-major within the window, the first NaN counting as maximal), adding where windows overlap.

import type { Kernel, Pool2dAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { poolGeometry } from './util/pool.js';

export const maxPool2dGrad: Kernel<Pool2dAttrs> = (inputs, attrs, outputs) => {
  const out = allocOutput(outputs[0]);
  const x = valuesOf(inputs[0]);
  const dy = valuesOf(inputs[1]);
  // Overlapping windows add up in float64.
  const dx = out.values instanceof Float64Array ? out.values : new Float64Array(out.values.length);
  const geo = poolGeometry(inputs[0].shape, inputs[1].shape, attrs);
  const [xsn, xsc, xsh, xsw] = geo.xStrides;
  const [ysn, ysc, ysh, ysw] = geo.yStrides;
  const { rowStart, rowFirstTap, rowEndTap, colStart, colFirstTap, colEndTap } = geo;
  const rowStep = geo.dilationH * xsh;
  const colStep = geo.dilationW * xsw;
  for (let n = 0; n < geo.batch; n++) {
    for (let c = 0; c < geo.channels; c++) {
      const xPlane = n * xsn + c * xsc;
      const yPlane = n * ysn + c * ysc;
      for (let oh = 0; oh < geo.outHeight; oh++) {
        const khEnd = rowEndTap[oh];
        const rowBase = xPlane + rowStart[oh] * xsh;
        for (let ow = 0; ow < geo.outWidth; ow++) {
          const kwFirst = colFirstTap[ow];
          const kwEnd = colEndTap[ow];
          const base = rowBase + colStart[ow] * xsw;
          let best = Number.NaN;
          let where = -1;
          search: for (let kh = rowFirstTap[oh]; kh < khEnd; kh++) {
            for (
              let kw = kwFirst, s = base + kh * rowStep + kwFirst * colStep;
              kw < kwEnd;
              kw++, s += colStep
            ) {
              const v = x[s];
              if (where < 0 || v > best) {
                best = v;
                where = s;
              }
              if (Number.isNaN(v)) {
                where = s;
                break search;
              }
            }
          }
          if (where >= 0) dx[where] += dy[yPlane + oh * ysh + ow * ysw];
        }
      }
    }
  }
  if (dx !== out.values) out.values.set(dx);
  return [out];
};
