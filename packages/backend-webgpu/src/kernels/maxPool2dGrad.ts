// maxPool2dGrad (override): inputs [x, dy]. Pass 1 records each window's first maximal element (the x
// index, as maxPool2d picks it); pass 2 gathers, per x element, the dy of the windows that picked it — no
// float atomics needed.

import type { OverrideAttrs } from '@libml/core';
import { ARGMAX_WINDOW } from './maxPool2d.js';
import type { GpuKernel } from './types.js';
import { poolParams, poolWgsl } from './util/pool.js';
import { allocOutput, dataOf, flatIndex, header, MAIN_1D, sizeOf } from './util/wgsl.js';

export const maxPool2dGrad: GpuKernel<OverrideAttrs['maxPool2dGrad']> = (gpu, [x, dy], attrs, [out]) => {
  const dx = allocOutput(gpu, 'maxPool2dGrad', out);
  const wg = gpu.tiles.wg;
  const outTotal = sizeOf(dy.shape);
  const inTotal = sizeOf(x.shape);
  const arg = gpu.alloc('maxPool2dGrad', outTotal, 'int32');
  try {
    gpu.dispatch(
      'maxPool2dGrad',
      {
        key: `maxPool2dGrad:arg:${attrs.dataFormat}:wg${wg}`,
        code: () =>
          [
            header(['f32'], ['i32']),
            poolWgsl(attrs),
            MAIN_1D(wg),
            `  let i = ${flatIndex(wg)};`,
            '  if (i >= pu(0u)) { return; }',
            '  let q = split4(i32(i), OH(), OW()); let n = q.x; let c = q.y; let oh = q.z; let ow = q.w;',
            ARGMAX_WINDOW,
            '  y0[i] = where_;',
            '}',
          ].join('\n'),
      },
      [dataOf(gpu, x)],
      [arg],
      poolParams(outTotal, x.shape, dy.shape, attrs),
      gpu.grid(Math.ceil(outTotal / wg)),
    );
    gpu.dispatch(
      'maxPool2dGrad',
      {
        key: `maxPool2dGrad:gather:${attrs.dataFormat}:wg${wg}`,
        code: () =>
          [
            header(['i32', 'f32'], ['f32']),
            poolWgsl(attrs),
            MAIN_1D(wg),
            `  let i = ${flatIndex(wg)};`,
            '  if (i >= pu(0u)) { return; }',
            '  let q = split4(i32(i), H(), W()); let n = q.x; let c = q.y; let h = q.z; let w = q.w;',
            '  var acc = 0.0;',
            '  for (var kh = KH() - 1; kh >= 0; kh--) {',
            '    let th = h + PT() - kh * DH();',
            '    if (th < 0 || th % SH() != 0 || th / SH() >= OH()) { continue; }',
            '    let oh = th / SH();',
            '    for (var kw = KW() - 1; kw >= 0; kw--) {',
            '      let tw = w + PL() - kw * DW();',
            '      if (tw < 0 || tw % SW() != 0 || tw / SW() >= OW()) { continue; }',
            '      let yi = idx4(n, c, oh, tw / SW(), OH(), OW());',
            '      if (x0[yi] == i32(i)) { acc += x1[yi]; }',
            '    }',
            '  }',
            '  y0[i] = acc;',
            '}',
          ].join('\n'),
      },
      [arg, dataOf(gpu, dy)],
      [dx],
      poolParams(inTotal, x.shape, dy.shape, attrs),
      gpu.grid(Math.ceil(inTotal / wg)),
    );
  } finally {
    gpu.free(arg);
  }
  return [dx];
};
