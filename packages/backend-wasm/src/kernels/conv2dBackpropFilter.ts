// conv2dBackpropFilter: the adjoint of conv2d with respect to the filter (override); inputs [x, dy].
// dW_g = sum over images of dy_g · col^T, accumulated by the SIMD gemm. A threaded backend gives each
// thread a run of (image, group) steps accumulating into its own zeroed copy of dW (thread 0: the output),
// then adds the copies (the summation order over images then differs from one thread's in the last bits).

import type { Conv2dAttrs } from '@libml/core';
import { FN_IM2COL } from '../protocol.js';
import { columnMatrix, convGeometry, filterMatrix, outputMatrix } from './util/conv.js';
import { convThreads, gemm, gemmCall, jobRange, type MatrixRef, workspace } from './util/gemm.js';
import type { WasmKernel } from './util/kernel.js';

export const conv2dBackpropFilter: WasmKernel<Conv2dAttrs> = (rt, inputs, attrs, outputs) => {
  const out = rt.zeros(outputs[0]);
  if (out.size === 0) return [out];
  const x = rt.ptr(inputs[0]);
  const dy = rt.ptr(inputs[1]);
  const geo = convGeometry(inputs[0].shape, outputs[0].shape, inputs[1].shape, attrs);
  const { positions: p, taps, groupOutChannels: cout } = geo;
  const block = rt.ints(geo.block);
  // OIHW rows (o) are contiguous in taps; HWIO rows (taps) are contiguous in o: write along the unit stride.
  const tapsMajor = geo.filterOutStride === 1;
  const product = (
    n: number,
    g: number,
    columns: number,
    dw: number,
  ): [number, number, number, MatrixRef, MatrixRef, MatrixRef] =>
    tapsMajor
      ? [
          taps,
          cout,
          p,
          columnMatrix(geo, x, n, g, columns, false),
          outputMatrix(geo, dy, n, g, true),
          filterMatrix(geo, dw, g, true),
        ]
      : [
          cout,
          taps,
          p,
          outputMatrix(geo, dy, n, g, false),
          columnMatrix(geo, x, n, g, columns, true),
          filterMatrix(geo, dw, g, false),
        ];
  const jobs = geo.batch * geo.groups;
  const threads = convThreads(rt, jobs, p * cout * taps);
  if (threads > 1) {
    const lists: number[][][] = [];
    const partials: number[] = [];
    for (let t = 0; t < threads; t++) {
      const columns = geo.pointwise ? 0 : rt.temp(taps * p * 4);
      let dw = out.ptr;
      if (t > 0) {
        dw = rt.temp(out.bytes);
        rt.heap.u8.fill(0, dw, dw + out.bytes);
        partials.push(dw);
      }
      const list: number[][] = [];
      const [start, end] = jobRange(jobs, threads, t);
      for (let j = start; j < end; j++) {
        const n = Math.floor(j / geo.groups);
        const g = j % geo.groups;
        if (!geo.pointwise) list.push([FN_IM2COL, block, x, n, g, columns, 0]);
        list.push(gemmCall(...product(n, g, columns, dw), true, workspace(rt, t)));
      }
      lists.push(list);
    }
    rt.pool?.runCalls(rt.k, lists, (bytes) => rt.temp(bytes));
    const f32 = rt.heap.f32;
    const o = out.ptr >> 2;
    for (const dw of partials) {
      const q = dw >> 2;
      for (let i = 0; i < out.size; i++) f32[o + i] += f32[q + i];
    }
    return [out];
  }
  const columns = geo.pointwise ? 0 : rt.temp(taps * p * 4);
  for (let n = 0; n < geo.batch; n++) {
    const accumulate = n > 0;
    for (let g = 0; g < geo.groups; g++) {
      if (!geo.pointwise) rt.k.imageToColumns(block, x, n, g, columns, 0);
      gemm(rt, ...product(n, g, columns, out.ptr), accumulate);
    }
  }
  return [out];
};
