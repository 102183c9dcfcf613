// avgPool2d: window mean (override); the divisor follows PyTorch's countIncludePad rule.

import type { AvgPool2dAttrs, Kernel } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { avgPoolCounts, checkAvgPoolDilations } from './util/avgPool.js';
import { poolGeometry } from './util/pool.js';

export const avgPool2d: Kernel<AvgPool2dAttrs> = (inputs, attrs, outputs) => {
  checkAvgPoolDilations('avgPool2d', attrs);
  const out = allocOutput(outputs[0]);
  const y = out.values;
  const x = valuesOf(inputs[0]);
  const geo = poolGeometry(inputs[0].shape, outputs[0].shape, attrs);
  const counts = avgPoolCounts(geo, attrs);
  const [xsn, xsc, xsh, xsw] = geo.xStrides;
  const [ysn, ysc, ysh, ysw] = geo.yStrides;
  const { rowStart, rowFirstTap, rowEndTap, colStart, colFirstTap, colEndTap } = geo;
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
          let total = 0;
          for (let kh = rowFirstTap[oh]; kh < khEnd; kh++) {
            for (let kw = kwFirst, s = base + kh * xsh + kwFirst * xsw; kw < kwEnd; kw++, s += xsw)
              total += x[s];
          }
          y[yPlane + oh * ysh + ow * ysw] = total / (counts.rows[oh] * counts.cols[ow]);
        }
      }
    }
  }
  return [out];
};
