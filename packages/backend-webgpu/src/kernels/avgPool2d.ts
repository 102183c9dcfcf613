// avgPool2d (override): window mean, one invocation per output; the divisor follows PyTorch (explicit
// padding counted with countIncludePad, ceil-mode overflow never).

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { poolParams, poolWgsl } from './util/pool.js';
import { allocOutput, dataOf, flatIndex, header, MAIN_1D, sizeOf } from './util/wgsl.js';

export const avgPool2d: GpuKernel<OverrideAttrs['avgPool2d']> = (gpu, [x], attrs, [out]) => {
  const y = allocOutput(gpu, 'avgPool2d', out);
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
      '  var acc = 0.0;',
      '  for (var kh = 0; kh < KH(); kh++) {',
      '    let ih = oh * SH() - PT() + kh;',
      '    if (ih < 0 || ih >= H()) { continue; }',
      '    for (var kw = 0; kw < KW(); kw++) {',
      '      let iw = ow * SW() - PL() + kw;',
      '      if (iw < 0 || iw >= W()) { continue; }',
      '      acc += x0[idx4(n, c, ih, iw, H(), W())];',
      '    }',
      '  }',
      '  y0[i] = acc / avg_count(oh, ow);',
      '}',
    ].join('\n');
  gpu.dispatch(
    'avgPool2d',
    { key: `avgPool2d:${attrs.dataFormat}:wg${wg}`, code },
    [dataOf(gpu, x)],
    [y],
    poolParams(total, x.shape, out.shape, attrs),
    gpu.grid(Math.ceil(total / wg)),
  );
  return [y];
};
