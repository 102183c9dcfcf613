// scatterAdd (override): the adjoint of gather, as a gather over the indices so no float atomics are
// needed: out[o, a, k] = sum over j with indices[j] == a of dy[o, j, k], summed in j order.

import type { OverrideAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { allocOutput, dataOf, flatIndex, header, MAIN_1D, sizeOf } from './util/wgsl.js';

export const scatterAdd: GpuKernel<OverrideAttrs['scatterAdd']> = (
  gpu,
  [dy, indices],
  { axis, size },
  [out],
) => {
  const y = allocOutput(gpu, 'scatterAdd', out);
  const inner = sizeOf(out.shape.slice(axis + 1));
  const m = sizeOf(indices.shape);
  const total = sizeOf(out.shape);
  const wg = gpu.tiles.wg;
  const program = {
    key: `scatterAdd:wg${wg}`,
    code: () =>
      [
        header(['f32', 'i32'], ['f32']),
        MAIN_1D(wg),
        `  let i = ${flatIndex(wg)};`,
        '  if (i >= pu(0u)) { return; }',
        '  let n = p(1u); let m = pu(2u); let inner = pu(3u);',
        '  let k = i % inner; let t = i / inner; let a = i32(t % u32(n)); let o = t / u32(n);',
        '  var acc = 0.0;',
        '  for (var j = 0u; j < m; j++) {',
        '    var idx = x1[j];',
        '    if (idx < 0) { idx = idx + n; }',
        '    if (idx == a) { acc += x0[(o * m + j) * inner + k]; }',
        '  }',
        '  y0[i] = acc;',
        '}',
      ].join('\n'),
  };
  gpu.dispatch(
    'scatterAdd',
    program,
    [dataOf(gpu, dy), dataOf(gpu, indices)],
    [y],
    [total, size, m, inner],
    gpu.grid(Math.ceil(total / wg)),
  );
  return [y];
};
