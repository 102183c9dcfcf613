// Shared geometry of 2-D convolution and pooling: option parsing, padding resolution, output sizes,
// layout changes, and the window extraction (im2col by gathers) their decompositions use.

import type { Conv2dAttrs, FilterLayout, Layout, Pool2dAttrs } from './backend.js';
import { tensor } from './creation.js';
import { AttributeError, ShapeError } from './errors.js';
import { gather } from './ops/gather.js';
import { pad } from './ops/pad.js';
import { reshape } from './ops/reshape.js';
import { transpose } from './ops/transpose.js';
import type { Tensor } from './tensor.js';

/** 'valid', 'same' (extra padding at the end, as ONNX SAME_UPPER), one number, [h, w], or [[t, b], [l, r]]. */
export type Padding =
  | 'valid'
  | 'same'
  | number
  | readonly [number, number]
  | readonly [readonly [number, number], readonly [number, number]];

export function pair(
  op: string,
  arg: string,
  v: number | readonly number[] | undefined,
  fallback: number,
  min = 1,
): [number, number] {
  const p = v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : v;
  if (p.length !== 2 || !p.every((x) => Number.isInteger(x) && x >= min)) {
    throw new AttributeError(
      op,
      arg,
      `must be an integer >= ${min} or a pair of them, got ${JSON.stringify(v)}`,
    );
  }
  return [p[0], p[1]];
}

export function checkLayout(op: string, dataFormat: string | undefined): Layout {
  const f = dataFormat ?? 'NCHW';
  if (f !== 'NCHW' && f !== 'NHWC')
    throw new AttributeError(op, 'dataFormat', `must be 'NCHW' or 'NHWC', got '${f}'`);
  return f;
}

/** [height, width] of a 4-D input in either layout. */
export function spatial(x: { shape: readonly number[] }, layout: Layout): [number, number] {
  return layout === 'NCHW' ? [x.shape[2], x.shape[3]] : [x.shape[1], x.shape[2]];
}

export function channels(x: { shape: readonly number[] }, layout: Layout): number {
  return layout === 'NCHW' ? x.shape[1] : x.shape[3];
}

/** Explicit [top, bottom, left, right] pads for a padding option. */
export function resolvePads(
  op: string,
  padding: Padding | undefined,
  [h, w]: [number, number],
  [kh, kw]: [number, number],
  [sh, sw]: [number, number],
  [dh, dw]: [number, number],
): [number, number, number, number] {
  const p = padding ?? 'valid';
  if (p === 'valid') return [0, 0, 0, 0];
  if (p === 'same') {
    const total = (size: number, k: number, s: number, d: number) =>
      Math.max((Math.ceil(size / s) - 1) * s + (k - 1) * d + 1 - size, 0);
    const th = total(h, kh, sh, dh);
    const tw = total(w, kw, sw, dw);
    return [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  }
  let pads: number[];
  if (typeof p === 'number') pads = [p, p, p, p];
  else if (typeof p[0] === 'number') pads = [p[0], p[0], p[1] as number, p[1] as number];
  else {
    const [ph, pw] = p as readonly [readonly [number, number], readonly [number, number]];
    pads = [ph[0], ph[1], pw[0], pw[1]];
  }
  if (pads.length !== 4 || !pads.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new AttributeError(
      op,
      'padding',
      `must be 'valid', 'same', or non-negative integers, got ${JSON.stringify(p)}`,
    );
  }
  return pads as [number, number, number, number];
}

/** Output length of a sliding window; ceil mode drops a last window that starts in the end padding. */
export function windowCount(
  size: number,
  k: number,
  s: number,
  d: number,
  before: number,
  after: number,
  ceil = false,
) {
  const span = size + before + after - d * (k - 1) - 1;
  if (span < 0) return 0;
  let n = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (n - 1) * s >= size + before) n--;
  return n;
}

export function checkRank4(op: string, arg: string, x: { shape: readonly number[] }): void {
  if (x.shape.length !== 4) {
    throw new ShapeError(op, `${arg} must be 4-D (N, C, H, W or N, H, W, C)`, { [arg]: x.shape });
  }
}

/** NHWC -> NCHW (or identity). */
export function toNCHW(x: Tensor, layout: Layout): Tensor {
  return layout === 'NCHW' ? x : transpose(x, [0, 3, 1, 2]);
}

/** NCHW -> NHWC (or identity). */
export function fromNCHW(x: Tensor, layout: Layout): Tensor {
  return layout === 'NCHW' ? x : transpose(x, [0, 2, 3, 1]);
}

/** HWIO -> OIHW (or identity). */
export function toOIHW(w: Tensor, layout: FilterLayout): Tensor {
  return layout === 'OIHW' ? w : transpose(w, [3, 2, 0, 1]);
}

/** OIHW -> HWIO (or identity). */
export function fromOIHW(w: Tensor, layout: FilterLayout): Tensor {
  return layout === 'OIHW' ? w : transpose(w, [2, 3, 1, 0]);
}

/** [O, I/groups, KH, KW] of a filter in its layout. */
export function filterDims(
  w: { shape: readonly number[] },
  layout: FilterLayout,
): [number, number, number, number] {
  const s = w.shape;
  return layout === 'OIHW' ? [s[0], s[1], s[2], s[3]] : [s[3], s[2], s[0], s[1]];
}

function windowIndices(count: number, k: number, s: number, d: number): Tensor {
  const idx = new Int32Array(count * k);
  for (let o = 0; o < count; o++) for (let j = 0; j < k; j++) idx[o * k + j] = o * s + j * d;
  return tensor(idx, [count, k], 'int32');
}

/**
 * Sliding windows of an NCHW tensor as [N, C, OH, OW, KH, KW]: pad with `padValue` (plus whatever
 * ceil mode needs at the end), then gather rows and columns. Linear in x.
 */
export function extractWindows(
  x: Tensor,
  g: Pick<Pool2dAttrs, 'kernelSize' | 'strides' | 'pads' | 'dilations'>,
  [oh, ow]: [number, number],
  padValue: number,
): Tensor {
  const [kh, kw] = g.kernelSize;
  const [sh, sw] = g.strides;
  const [dh, dw] = g.dilations;
  const [pt, pb, pl, pr] = g.pads;
  const [h, w] = [x.shape[2], x.shape[3]];
  const needH = Math.max(0, (oh - 1) * sh + (kh - 1) * dh + 1 - (h + pt + pb));
  const needW = Math.max(0, (ow - 1) * sw + (kw - 1) * dw + 1 - (w + pl + pr));
  const xp = pad(
    x,
    [
      [0, 0],
      [0, 0],
      [pt, pb + needH],
      [pl, pr + needW],
    ],
    padValue,
  );
  const rows = gather(xp, windowIndices(oh, kh, sh, dh), 2); // [N, C, OH, KH, Wp]
  const cols = gather(rows, windowIndices(ow, kw, sw, dw), 4); // [N, C, OH, KH, OW, KW]
  return transpose(cols, [0, 1, 2, 4, 3, 5]);
}

/** conv2d in NCHW/OIHW by im2col and a grouped matmul (the decomposition every backend can run). */
export function conv2dByIm2col(
  x: Tensor,
  w: Tensor,
  attrs: Conv2dAttrs,
  matmul: (a: Tensor, b: Tensor) => Tensor,
): Tensor {
  const [n, c, h, wd] = x.shape;
  const [o, cg, kh, kw] = w.shape;
  const groups = attrs.groups;
  const oh = windowCount(h, kh, attrs.strides[0], attrs.dilations[0], attrs.pads[0], attrs.pads[1]);
  const ow = windowCount(wd, kw, attrs.strides[1], attrs.dilations[1], attrs.pads[2], attrs.pads[3]);
  const win = extractWindows(
    x,
    { kernelSize: [kh, kw], strides: attrs.strides, pads: attrs.pads, dilations: attrs.dilations },
    [oh, ow],
    0,
  );
  // [N, C, OH, OW, KH, KW] -> [N, G, OH*OW, Cg*KH*KW]
  const cols = transpose(reshape(win, [n, groups, c / groups, oh * ow, kh * kw]), [0, 1, 3, 2, 4]);
  const patches = reshape(cols, [n, groups, oh * ow, cg * kh * kw]);
  const filt = reshape(w, [groups, o / groups, cg * kh * kw]);
  const out = matmul(patches, filt); // [N, G, OH*OW, O/G]
  return reshape(transpose(out, [0, 1, 3, 2]), [n, o, oh, ow]);
}
