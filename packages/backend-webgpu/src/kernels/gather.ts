// gather: out[o, j, k] = x[o, indices[j], k] over x viewed as [outer, n, inner]; negative indices count
// from the end (core guarantees them in [-n, n); they are clamped so a bad one cannot read out of bounds).

import type { PrimitiveAttrs } from '@libml/core';
import type { GpuKernel } from './types.js';
import { allocOutput, dataOf, flatIndex, header, MAIN_1D, sizeOf } from './util/wgsl.js';

export const gather: GpuKernel<PrimitiveAttrs['gather']> = (gpu, [x, indices], { axis }, [out]) => {
  const y = allocOutput(gpu, 'gather', out);
  const n = x.shape[axis];
  const inner = sizeOf(x.shape.slice(axis + 1));
  const m = sizeOf(indices.shape);
  const total = sizeOf(out.shape);
  const wg = gpu.tiles.wg;
  const program = {
    key: `gather:wg${wg}`,
    code: () =>
      [
        header(['u32', 'i32'], ['u32']),
        MAIN_1D(wg),
        `  let i = ${flatIndex(wg)};`,
        '  if (i >= pu(0u)) { return; }',
        '  let n = p(1u); let m = pu(2u); let inner = pu(3u);',
        '  let k = i % inner; let t = i / inner; let j = t % m; let o = t / m;',
        '  var idx = x1[j];',
        '  if (idx < 0) { idx = idx + n; }',
        '  idx = clamp(idx, 0, n - 1);',
        '  y0[i] = x0[(o * u32(n) + u32(idx)) * inner + k];',
        '}',
      ].join('\n'),
  };
  gpu.dispatch(
    'gather',
    program,
    [dataOf(gpu, x), dataOf(gpu, indices)],
    [y],
    [total, n, m, inner],
    gpu.grid(Math.ceil(total / wg)),
  );
  return [y];
};
