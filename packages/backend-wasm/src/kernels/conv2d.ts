// conv2d: grouped, strided, dilated 2-D convolution (override), NCHW or NHWC data, OIHW or HWIO filter:
// im2col per image and group in wasm, then one SIMD gemm straight into the output. A threaded backend
// queues the (image, group) steps and every thread takes the next one, with its own column buffer (so a
// late thread does fewer); a single large step instead splits its gemm.

import type { Conv2dAttrs } from '@libml/core';
import { FN_IM2COL } from '../protocol.js';
import { columnMatrix, convGeometry, filterMatrix, outputMatrix } from './util/conv.js';
import {
  COLUMNS,
  convThreads,
  GEMM_A,
  GEMM_B,
  gemm,
  IM2COL_COLUMNS,
  type MatrixRef,
  queuedGemm,
  relocate,
  workspace,
} from './util/gemm.js';
import type { WasmKernel } from './util/kernel.js';

export const conv2d: WasmKernel<Conv2dAttrs> = (rt, inputs, attrs, outputs) => {
  const out = rt.output(outputs[0]);
  if (out.size === 0) return [out];
  const x = rt.ptr(inputs[0]);
  const filter = rt.ptr(inputs[1]);
  const geo = convGeometry(inputs[0].shape, inputs[1].shape, outputs[0].shape, attrs);
  const { positions: p, taps, groupOutChannels: cout, channelsLast } = geo;
  const block = rt.ints(geo.block);
  // The product of image n, group g, with columns at `columns`: [m, n, k, A, B, C].
  const product = (
    n: number,
    g: number,
    columns: number,
  ): [number, number, number, MatrixRef, MatrixRef, MatrixRef] =>
    channelsLast
      ? [
          p,
          cout,
          taps,
          columnMatrix(geo, x, n, g, columns, true),
          filterMatrix(geo, filter, g, true),
          outputMatrix(geo, out.ptr, n, g, true),
        ]
      : [
          cout,
          p,
          taps,
          filterMatrix(geo, filter, g, false),
          columnMatrix(geo, x, n, g, columns, false),
          outputMatrix(geo, out.ptr, n, g, false),
        ];
  const jobs = geo.batch * geo.groups;
  const threads = convThreads(rt, jobs, p * cout * taps);
  if (threads > 1) {
    // A queue of (image, group) jobs taken by every thread; columns at 0, relocated to each thread's buffer.
    const table: number[][] = [];
    for (let t = 0; t < threads; t++)
      table.push([geo.pointwise ? 0 : rt.temp(taps * p * 4), workspace(rt, t)]);
    const calls: number[][] = [];
    const mask = geo.pointwise ? 0 : relocate(channelsLast ? GEMM_A : GEMM_B, COLUMNS);
    for (let n = 0; n < geo.batch; n++) {
      for (let g = 0; g < geo.groups; g++) {
        if (!geo.pointwise) {
          calls.push([FN_IM2COL, relocate(IM2COL_COLUMNS, COLUMNS), block, x, n, g, 0, 0]);
        }
        calls.push(queuedGemm(...product(n, g, 0), false, mask));
      }
    }
    rt.pool?.runJobs(rt.k, geo.pointwise ? 1 : 2, table, calls, (bytes) => rt.temp(bytes));
    return [out];
  }
  const columns = geo.pointwise ? 0 : rt.temp(taps * p * 4);
  for (let n = 0; n < geo.batch; n++) {
    for (let g = 0; g < geo.groups; g++) {
      if (!geo.pointwise) rt.k.imageToColumns(block, x, n, g, columns, 0);
      gemm(rt, ...product(n, g, columns), false);
    }
  }
  return [out];
};
