// avgPool2dGrad (override): inputs [dy]; per input element, the sum over the windows containing it of
// dy / divisor (a gather: no atomics).

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { poolParams, poolWgsl } from './util/pool.js';
import { allocOutput, dataOf, flatIndex, header, MAIN_1D, sizeOf } from './util/wgsl.js';

export const avgPool2dGrad: GpuKernel<OverrideAttrs['avgPool2dGrad']> = (gpu, [dy], attrs, [out]) => {
  const dx = allocOutput(gpu, 'avgPool2dGrad', out);
  const total = sizeOf(out.shape);
  const wg = gpu.tiles.wg;
  const code = () =>
    [
      header(['f32'], ['f32']),
      poolWgsl(attrs),
      MAIN_1D(wg),
      `  let i = ${flatIndex(wg)};`,
      '  if (i >= pu(0u)) { return; }',
      '  let q = split4(i32(i), H(), W()); let n = q.x; let c = q.y; let h = q.z; let w = q.w;',
      '  var acc = 0.0;',
      '  for (var kh = KH() - 1; kh >= 0; kh--) {',
      '    let th = h + PT() - kh;',
      '    if (th < 0 || th % SH() != 0 || th / SH() >= OH()) { continue; }',
      '    let oh = th / SH();',
      '    for (var kw = KW() - 1; kw >= 0; kw--) {',
      '      let tw = w + PL() - kw;',
      '      if (tw < 0 || tw % SW() != 0 || tw / SW() >= OW()) { continue; }',
      '      let ow = tw / SW();',
      '      acc += x0[idx4(n, c, oh, ow, OH(), OW())] / avg_count(oh, ow);',
      '    }',
      '  }',
      '  y0[i] = acc;',
      '}',
    ].join('\n');
  gpu.dispatch(
    'avgPool2dGrad',
    { key: `avgPool2dGrad:${attrs.dataFormat}:wg${wg}`, code },
    [dataOf(gpu, dy)],
    [dx],
    poolParams(total, out.shape, dy.shape, attrs),
    gpu.grid(Math.ceil(total / wg)),
  );
  return [dx];
};
