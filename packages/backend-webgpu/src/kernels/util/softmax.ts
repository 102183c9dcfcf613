// softmax / logSoftmax along one axis: per row (outer x inner positions, the axis strided by inner), the
// max, then the sum of exp(x - max) (exp_: NaN kept on every adapter), then the outputs. Long rows take a
// workgroup each (shared-memory trees for both reductions); short rows one invocation each.

import type { TensorInfo, TensorSpec } from '@libml/core';
import type { Gpu, GpuData } from '../../gpu.js';
import { EXP_WGSL, MINMAX_WGSL } from './math.js';
import { allocOutput, dataOf, flatIndex, header, MAIN_1D, sizeOf } from './wgsl.js';

export function runSoftmax(
  gpu: Gpu,
  name: 'softmax' | 'logSoftmax',
  x: TensorInfo,
  axis: number,
  out: TensorSpec,
): GpuData {
  const y = allocOutput(gpu, name, out);
  const len = x.shape[axis];
  const inner = sizeOf(x.shape.slice(axis + 1));
  const rows = sizeOf(x.shape) / len;
  const group = len >= 128 || (len >= 32 && rows <= 4096);
  const wg = group ? gpu.tiles.reduceWg : gpu.tiles.wg;
  const result = name === 'softmax' ? 'exp_(x0[idx] - mx) / tot' : '(x0[idx] - mx) - log(tot)';
  const code = () => {
    const head = [header(['f32'], ['f32']), MINMAX_WGSL, EXP_WGSL];
    const rowBase = [
      '  let L = pu(1u); let inner = pu(2u);',
      '  let base = (r / inner) * L * inner + r % inner;',
    ];
    if (!group) {
      return [
        ...head,
        MAIN_1D(wg),
        `  let r = ${flatIndex(wg)};`,
        '  if (r >= pu(0u)) { return; }',
        ...rowBase,
        '  var mx = -inf();',
        '  for (var j = 0u; j < L; j++) { mx = max_nan(mx, x0[base + j * inner]); }',
        '  var tot = 0.0;',
        '  for (var j = 0u; j < L; j++) { tot += exp_(x0[base + j * inner] - mx); }',
        `  for (var j = 0u; j < L; j++) { let idx = base + j * inner; y0[idx] = ${result}; }`,
        '}',
      ].join('\n');
    }
    const tree = (op: string) =>
      [
        '  workgroupBarrier();',
        `  for (var w = ${wg / 2}u; w > 0u; w = w >> 1u) {`,
        `    if (lid.x < w) { sh[lid.x] = ${op}; }`,
        '    workgroupBarrier();',
        '  }',
      ].join('\n');
    return [
      ...head,
      `var<workgroup> sh: array<f32, ${wg}>;`,
      `@compute @workgroup_size(${wg})`,
      'fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_id) lid: vec3u) {',
      '  let r = wid.x + wid.y * nwg.x;',
      '  if (r >= pu(0u)) { return; }',
      ...rowBase,
      '  var m = -inf();',
      `  for (var j = lid.x; j < L; j += ${wg}u) { m = max_nan(m, x0[base + j * inner]); }`,
      '  sh[lid.x] = m;',
      tree('max_nan(sh[lid.x], sh[lid.x + w])'),
      '  let mx = sh[0];',
      '  workgroupBarrier();',
      '  var s = 0.0;',
      `  for (var j = lid.x; j < L; j += ${wg}u) { s += exp_(x0[base + j * inner] - mx); }`,
      '  sh[lid.x] = s;',
      tree('sh[lid.x] + sh[lid.x + w]'),
      '  let tot = sh[0];',
      `  for (var j = lid.x; j < L; j += ${wg}u) { let idx = base + j * inner; y0[idx] = ${result}; }`,
      '}',
    ].join('\n');
  };
  gpu.dispatch(
    name,
    { key: `${name}:${group ? 'g' : 't'}${wg}`, code },
    [dataOf(gpu, x)],
    [y],
    [rows, len, inner],
    group ? gpu.grid(rows) : gpu.grid(Math.ceil(rows / wg)),
  );
  return y;
}
