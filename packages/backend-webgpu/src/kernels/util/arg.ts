// argMax / argMin: (value, index) states; the first extremum wins, NaN counts as the extremum.

import type { TensorInfo, TensorSpec } from '@libml/core';
import type { Gpu, GpuData } from '../../gpu.js';
import { runReduce } from './reduce.js';
import { allocOutput, wgslType } from './wgsl.js';

export function argReduce(
  gpu: Gpu,
  name: 'argMax' | 'argMin',
  x: TensorInfo,
  axis: number,
  out: TensorSpec,
): GpuData {
  const y = allocOutput(gpu, name, out);
  const t = wgslType(x.dtype);
  const cmp = name === 'argMax' ? '>' : '<';
  // better(a, b): a beats b strictly.
  const prelude =
    t === 'f32'
      ? `fn better_(a: f32, b: f32) -> bool { return (is_nan(a) && !is_nan(b)) || a ${cmp} b; }
fn same_(a: f32, b: f32) -> bool { return (is_nan(a) && is_nan(b)) || a == b; }`
      : `fn better_(a: ${t}, b: ${t}) -> bool { return a ${cmp} b; }
fn same_(a: ${t}, b: ${t}) -> bool { return a == b; }`;
  runReduce(
    gpu,
    {
      name,
      outTypes: ['i32'],
      state: [
        { name: 'v', type: t, init: `${t}(0)` },
        { name: 'i', type: 'i32', init: '-1i' },
      ],
      accumulate: 'if (s_i < 0i || better_(v, s_v)) { s_v = v; s_i = i32(j); }',
      merge:
        'if (o_i >= 0i && (s_i < 0i || better_(o_v, s_v) || (same_(o_v, s_v) && o_i < s_i))) { s_v = o_v; s_i = o_i; }',
      finalize: 'y0[o] = max(s_i, 0i);',
      prelude,
    },
    x,
    [axis],
    [y],
  );
  return y;
}
