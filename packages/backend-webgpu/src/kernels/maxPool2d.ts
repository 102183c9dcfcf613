// maxPool2d (override): window maximum, one invocation per output; padding never wins; NaN propagates.

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { poolParams, poolWgsl } from './util/pool.js';
import { allocOutput, dataOf, flatIndex, header, MAIN_1D, sizeOf } from './util/wgsl.js';

/** WGSL loop finding the first maximal tap of output (n, c, oh, ow): sets `best` and `where` (x index or -1). */
export const ARGMAX_WINDOW = `
  var best = -inf();
  var where_ = -1i;
  var found_nan = false;
  for (var kh = 0; kh < KH() && !found_nan; kh++) {
    let ih = oh * SH() - PT() + kh * DH();
    if (ih < 0 || ih >= H()) { continue; }
    for (var kw = 0; kw < KW(); kw++) {
      let iw = ow * SW() - PL() + kw * DW();
      if (iw < 0 || iw >= W()) { continue; }
      let xi = idx4(n, c, ih, iw, H(), W());
      let v = x0[xi];
      if (where_ < 0 || v > best) { best = v; where_ = i32(xi); }
      if (is_nan(v)) { best = v; where_ = i32(xi); found_nan = true; break; }
    }
  }`;

export const maxPool2d: GpuKernel<OverrideAttrs['maxPool2d']> = (gpu, [x], attrs, [out]) => {
  const y = allocOutput(gpu, 'maxPool2d', out);
  const total = sizeOf(out.shape);
  const wg = gpu.tiles.wg;
  const code = () =>
    [
      header(['f32'], ['f32']),
      poolWgsl(attrs),
      MAIN_1D(wg),
      `  let i = ${flatIndex(wg)};`,
      '  if (i >= pu(0u)) { return; }',
      '  let q = split4(i32(i), OH(), OW()); let n = q.x; let c = q.y; let oh = q.z; let ow = q.w;',
      ARGMAX_WINDOW,
      '  y0[i] = best;',
      '}',
    ].join('\n');
  gpu.dispatch(
    'maxPool2d',
    { key: `maxPool2d:${attrs.dataFormat}:wg${wg}`, code },
    [dataOf(gpu, x)],
    [y],
    poolParams(total, x.shape, out.shape, attrs),
    gpu.grid(Math.ceil(total / wg)),
  );
  return [y];
};
