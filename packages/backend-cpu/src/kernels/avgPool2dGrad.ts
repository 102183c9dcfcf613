// avgPool2dGrad: the adjoint of avgPool2d (override); inputs [dy], output x-shaped: each dy / divisor is
// added to every input element of its window.

import type { AvgPool2dAttrs, Kernel } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { avgPoolCounts, checkAvgPoolDilations } from './util/avgPool.js';
import { poolGeometry } from './util/pool.js';

export const avgPool2dGrad: Kernel<AvgPool2dAttrs> = (inputs, attrs, outputs) => {
  checkAvgPoolDilations('avgPool2dGrad', attrs);
  const out = allocOutput(outputs[0]);
  const dy = valuesOf(inputs[0]);
  // Overlapping windows add up in float64.
  const dx = out.values instanceof Float64Array ? out.values : new Float64Array(out.values.length);
  const geo = poolGeometry(outputs[0].shape, inputs[0].shape, attrs);
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
          const share = dy[yPlane + oh * ysh + ow * ysw] / (counts.rows[oh] * counts.cols[ow]);
          for (let kh = rowFirstTap[oh]; kh < khEnd; kh++) {
            for (let kw = kwFirst, s = base + kh * xsh + kwFirst * xsw; kw < kwEnd; kw++, s += xsw)
              dx[s] += share;
          }
        }
      }
    }
  }
  if (dx !== out.values) out.values.set(dx);
  return [out];
};
