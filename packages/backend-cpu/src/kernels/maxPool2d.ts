// maxPool2d: window maximum (override); padding never wins, NaN propagates.

import type { Kernel, Pool2dAttrs } from '@libml/core';
import { allocOutput, valuesOf } from '../data.js';
import { poolGeometry } from './util/pool.js';

export const maxPool2d: Kernel<Pool2dAttrs> = (inputs, attrs, outputs) => {
  const out = allocOutput(outputs[0]);
  const y = out.values;
  const x = valuesOf(inputs[0]);
  const geo = poolGeometry(inputs[0].shape, outputs[0].shape, attrs);
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
          let best = Number.NEGATIVE_INFINITY;
          for (let kh = rowFirstTap[oh]; kh < khEnd; kh++) {
            for (
              let kw = kwFirst, s = base + kh * rowStep + kwFirst * colStep;
              kw < kwEnd;
              kw++, s += colStep
            ) {
              const v = x[s];
              if (v > best || Number.isNaN(v)) best = v;
            }
          }
          y[yPlane + oh * ysh + ow * ysw] = best;
        }
      }
    }
  }
  return [out];
};
