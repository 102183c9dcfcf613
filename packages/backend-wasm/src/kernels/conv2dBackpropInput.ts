// conv2dBackpropInput: the adjoint of conv2d with respect to x (override); inputs [dy, filter]. Per image
// and group, dcol = W_g^T · dy_g by gemm, then col2im (in wasm) adds the columns back onto the image.
// A threaded backend queues the (image, group) steps (they write disjoint parts of dx) and every thread
// takes the next one, with its own column buffer; a single large step instead splits its gemm.

import type { Conv2dAttrs } from '@libml/core';
import { FN_IM2COL } from '../protocol.js';
import { columnMatrix, convGeometry, filterMatrix, outputMatrix } from './util/conv.js';
import {
  COLUMNS,
  convThreads,
  GEMM_C,
  gemm,
  IM2COL_COLUMNS,
  type MatrixRef,
  queuedGemm,
  relocate,
  workspace,
} from './util/gemm.js';
import type { WasmKernel } from './util/kernel.js';

export const conv2dBackpropInput: WasmKernel<Conv2dAttrs> = (rt, inputs, attrs, outputs) => {
  const out = rt.zeros(outputs[0]);
  if (out.size === 0) return [out];
  const dy = rt.ptr(inputs[0]);
  const filter = rt.ptr(inputs[1]);
  const geo = convGeometry(outputs[0].shape, inputs[1].shape, inputs[0].shape, attrs);
  const { positions: p, taps, groupOutChannels: cout, channelsLast, pointwise } = geo;
  const block = rt.ints(geo.block);
  const product = (
    n: number,
    g: number,
    columns: number,
  ): [number, number, number, MatrixRef, MatrixRef, MatrixRef] =>
    channelsLast
      ? [
          p,
          taps,
          cout,
          outputMatrix(geo, dy, n, g, true),
          filterMatrix(geo, filter, g, false),
          columnMatrix(geo, out.ptr, n, g, columns, true),
        ]
      : [
          taps,
          p,
          cout,
          filterMatrix(geo, filter, g, true),
          outputMatrix(geo, dy, n, g, false),
          columnMatrix(geo, out.ptr, n, g, columns, false),
        ];
  const jobs = geo.batch * geo.groups;
  const threads = convThreads(rt, jobs, p * cout * taps);
  if (threads > 1) {
    // A queue of (image, group) jobs taken by every thread (they write disjoint parts of dx); columns at 0,
    // relocated to each thread's buffer.
    const table: number[][] = [];
    for (let t = 0; t < threads; t++) table.push([pointwise ? 0 : rt.temp(taps * p * 4), workspace(rt, t)]);
    const calls: number[][] = [];
    const mask = pointwise ? 0 : relocate(GEMM_C, COLUMNS);
    for (let n = 0; n < geo.batch; n++) {
      for (let g = 0; g < geo.groups; g++) {
        calls.push(queuedGemm(...product(n, g, 0), false, mask));
        if (!pointwise) {
          calls.push([FN_IM2COL, relocate(IM2COL_COLUMNS, COLUMNS), block, out.ptr, n, g, 0, 1]);
        }
      }
    }
    rt.pool?.runJobs(rt.k, pointwise ? 1 : 2, table, calls, (bytes) => rt.temp(bytes));
    return [out];
  }
  const columns = pointwise ? 0 : rt.temp(taps * p * 4);
  for (let n = 0; n < geo.batch; n++) {
    for (let g = 0; g < geo.groups; g++) {
      gemm(rt, ...product(n, g, columns), false);
      if (!pointwise) rt.k.imageToColumns(block, out.ptr, n, g, columns, 1);
    }
  }
  return [out];
};
