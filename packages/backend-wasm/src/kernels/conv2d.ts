// conv2d: grouped, strided, dilated 2-D convolution (override), NCHW or NHWC data, OIHW or HWIO filter.
// NHWC data with an HWIO filter: 3x3 stride-1 ungrouped filters with at least 8 channels in and out run as
// Winograd F(2x2, 3x3) (assembly/winograd.ts: 2.25x fewer multiply-adds); other shapes as an implicit gemm
// (assembly/gemm.ts convGemm: the im2col is fused into the packing of gemm's A panels, so no column matrix
// is written). Everything else: im2col per image and group in wasm, then one SIMD gemm straight into the
// output. A threaded backend queues the (image, group) steps (or runs of output rows / positions when
// there are few) and every thread takes the next one, with its own scratch (so a late thread does fewer);
// results are bit-identical to one thread.

import type { Conv2dAttrs } from '@libml/core';
import { FN_CONV, FN_IM2COL, FN_WINOGRAD } from '../protocol.js';
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
  WORKSPACE,
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
  if (channelsLast && winogradFits(geo, attrs)) {
    winogradConv(rt, geo, attrs, x, filter, out.ptr);
    return [out];
  }
  if (channelsLast && !geo.pointwise && hwioTaps(geo.block)) {
    implicitConv(rt, geo, block, x, filter, out.ptr);
    return [out];
  }
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

/** Whether the im2col taps of geometry block g run (kh, kw, c) with c contiguous (an HWIO filter). */
function hwioTaps(g: Int32Array): boolean {
  // 1 xsc, 4 tap stride per channel, 5 per kernel row, 6 per kernel column, 18 kernelW, 19 channels.
  return g[1] === 1 && g[4] === 1 && g[6] === g[19] && g[5] === g[18] * g[19];
}

/** Positions per implicit-gemm job of a threaded conv: at least this many, so each repacks W rarely. */
const MIN_JOB_POSITIONS = 128;

/**
 * NHWC x HWIO as convGemm calls, one per (image, group), or per (image, group, run of positions) when
 * there are fewer steps than two per thread; threaded backends queue them (bit-identical to one thread).
 */
function implicitConv(
  rt: Parameters<WasmKernel<Conv2dAttrs>>[0],
  geo: ReturnType<typeof convGeometry>,
  block: number,
  x: number,
  filter: number,
  out: number,
): void {
  const { positions: p, taps, groupOutChannels: cout } = geo;
  const steps = geo.batch * geo.groups;
  const args = (n: number, g: number, p0: number, p1: number, work: number): number[] => {
    const f = filterMatrix(geo, filter, g, true);
    const y = outputMatrix(geo, out, n, g, true);
    return [
      block,
      x,
      n,
      g,
      p0,
      p1,
      cout,
      f.ptr + 4 * f.offset,
      f.rowStride,
      f.colStride,
      y.ptr + 4 * y.offset,
      y.rowStride,
      y.colStride,
      work,
    ];
  };
  const pool = rt.pool;
  const threads = pool?.worthSplitting(steps * p * cout * taps) ? pool.threads : 1;
  if (threads > 1 && pool) {
    let chunks = 1;
    if (steps < 2 * threads) {
      chunks = Math.max(1, Math.min(Math.ceil((2 * threads) / steps), Math.floor(p / MIN_JOB_POSITIONS)));
    }
    const chunk = Math.ceil(p / chunks / 4) * 4;
    const table: number[][] = [];
    for (let t = 0; t < threads; t++) table.push([0, workspace(rt, t)]);
    const calls: number[][] = [];
    for (let n = 0; n < geo.batch; n++) {
      for (let g = 0; g < geo.groups; g++) {
        for (let p0 = 0; p0 < p; p0 += chunk) {
          calls.push([FN_CONV, relocate(13, WORKSPACE), ...args(n, g, p0, Math.min(p, p0 + chunk), 0)]);
        }
      }
    }
    if (calls.length > 1) {
      pool.runJobs(rt.k, 1, table, calls, (bytes) => rt.temp(bytes));
      return;
    }
  }
  for (let n = 0; n < geo.batch; n++) {
    for (let g = 0; g < geo.groups; g++) {
      const a = args(n, g, 0, p, rt.gemmWork);
      rt.k.convGemm(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13]);
    }
  }
}

/**
 * Whether Winograd F(2x2, 3x3) applies and pays: NHWC x HWIO, 3x3, stride 1, no dilation, one group, and
 * enough channels that the 16 small gemms dominate the additions of the transforms (the bench's
 * [8,32,32,16] * 3x3x16->32: 1.4 ms against 2.0 ms as an implicit gemm, one thread).
 */
function winogradFits(geo: ReturnType<typeof convGeometry>, attrs: Conv2dAttrs): boolean {
  return (
    hwioTaps(geo.block) &&
    geo.kernelHeight === 3 &&
    geo.kernelWidth === 3 &&
    attrs.strides[0] === 1 &&
    attrs.strides[1] === 1 &&
    attrs.dilations[0] === 1 &&
    attrs.dilations[1] === 1 &&
    geo.groups === 1 &&
    geo.groupInChannels >= 8 &&
    geo.groupOutChannels >= 8 &&
    // The transformed filter is 16/9 of the filter's size: keep it (and the per-thread tiles) modest.
    geo.groupInChannels * geo.groupOutChannels <= 2 ** 20 &&
    attrs.pads.every((p) => p >= 0 && p <= 0xffff) &&
    geo.outHeight >= 2 &&
    geo.outWidth >= 2
  );
}

/** conv2d by Winograd F(2x2, 3x3) (assembly/winograd.ts): per image, runs of tile rows; threads queue them. */
function winogradConv(
  rt: Parameters<WasmKernel<Conv2dAttrs>>[0],
  geo: ReturnType<typeof convGeometry>,
  attrs: Conv2dAttrs,
  x: number,
  filter: number,
  out: number,
): void {
  const { inHeight: inH, inWidth: inW, outHeight: outH, outWidth: outW } = geo;
  const cin = geo.groupInChannels;
  const cout = geo.groupOutChannels;
  const k = rt.k;
  const temp = k.WINOGRAD_TEMP.value;
  // U as gemm's B panels, cout rounded up to the panel width (8).
  const u = rt.temp(16 * cin * Math.ceil(cout / 8) * 8 * 4);
  k.winogradFilter(filter, cin, cout, u, rt.temp(temp));
  const pads = (attrs.pads[0] << 16) | attrs.pads[2];
  const scratchBytes = 16 * k.WINOGRAD_TILES.value * (cin + cout) * 4 + temp;
  const tileRows = Math.ceil(outH / 2);
  const tilesW = Math.ceil(outW / 2);
  const xStep = 4 * geo.xStrides[0];
  const yStep = 4 * geo.yStrides[0];
  const pool = rt.pool;
  const work = geo.batch * geo.positions * cout * cin * 9;
  const threads = pool?.worthSplitting(work) ? pool.threads : 1;
  if (threads > 1 && pool) {
    // Jobs of whole images, or of runs of tile rows when there are fewer images than two per thread.
    let chunks = 1;
    if (geo.batch < 2 * threads) {
      chunks = Math.max(
        1,
        Math.min(Math.ceil((2 * threads) / geo.batch), Math.floor((tileRows * tilesW) / 32)),
      );
    }
    const rows = Math.ceil(tileRows / chunks);
    const table: number[][] = [];
    for (let t = 0; t < threads; t++) table.push([rt.temp(scratchBytes), workspace(rt, t)]);
    const calls: number[][] = [];
    const mask = relocate(12, COLUMNS) | relocate(13, WORKSPACE);
    for (let n = 0; n < geo.batch; n++) {
      for (let r = 0; r < tileRows; r += rows) {
        const end = Math.min(tileRows, r + rows);
        calls.push([
          FN_WINOGRAD,
          mask,
          x + n * xStep,
          inH,
          inW,
          cin,
          out + n * yStep,
          outH,
          outW,
          cout,
          pads,
          u,
          r,
          end,
          0,
          0,
        ]);
      }
    }
    if (calls.length > 1) {
      pool.runJobs(k, 1, table, calls, (bytes) => rt.temp(bytes));
      return;
    }
  }
  const scratch = rt.temp(scratchBytes);
  for (let n = 0; n < geo.batch; n++) {
    k.winogradConv(
      x + n * xStep,
      inH,
      inW,
      cin,
      out + n * yStep,
      outH,
      outW,
      cout,
      pads,
      u,
      0,
      tileRows,
      scratch,
      rt.gemmWork,
    );
  }
}
