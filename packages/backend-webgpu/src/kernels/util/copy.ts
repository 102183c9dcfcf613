// Strided copies on raw 32-bit words (dtype-independent pipelines): walks an index space and moves
// src[srcBase + sum c_d srcStride_d] to dst[dstBase + sum c_d dstStride_d]. transpose, broadcastTo, slice,
// pad and concat are all one (or two) of these. Also a constant fill.

import type { Gpu, GpuData } from '../../gpu.js';
import { flatIndex, header, MAIN_1D, mergeDims, offsetsCode, sizeOf } from './wgsl.js';

export function copyStrided(
  gpu: Gpu,
  op: string,
  src: GpuData,
  dst: GpuData,
  shape: readonly number[],
  srcStrides: readonly number[],
  srcBase: number,
  dstStrides: readonly number[],
  dstBase: number,
): void {
  const n = sizeOf(shape);
  if (n === 0) return;
  const merged = mergeDims(shape, [srcStrides, dstStrides]);
  const rank = merged.shape.length;
  const wg = gpu.tiles.wg;
  // Params: [n, srcBase, dstBase, shape(rank), srcStrides(rank), dstStrides(rank)].
  const params = [n, srcBase, dstBase, ...merged.shape, ...merged.strides[0], ...merged.strides[1]];
  const program = {
    key: `copy:r${rank}:wg${wg}`,
    code: () =>
      [
        header(['u32'], ['u32']),
        MAIN_1D(wg),
        `  let i = ${flatIndex(wg)};`,
        '  if (i >= pu(0u)) { return; }',
        offsetsCode('i', rank, 3, ['s', 'd'], [3 + rank, 3 + 2 * rank]),
        '  y0[pu(2u) + d] = x0[pu(1u) + s];',
        '}',
      ].join('\n'),
  };
  gpu.dispatch(op, program, [src], [dst], params, gpu.grid(Math.ceil(n / wg)));
}

/** Fills the first `n` words of dst with `bits`. */
export function fill(gpu: Gpu, op: string, dst: GpuData, n: number, bits: number): void {
  if (n === 0) return;
  const wg = gpu.tiles.wg;
  const program = {
    key: `fill:wg${wg}`,
    code: () =>
      [
        header([], ['u32']),
        MAIN_1D(wg),
        `  let i = ${flatIndex(wg)};`,
        '  if (i >= pu(0u)) { return; }',
        '  y0[i] = pu(1u);',
        '}',
      ].join('\n'),
  };
  gpu.dispatch(op, program, [], [dst], [n, bits], gpu.grid(Math.ceil(n / wg)));
}
