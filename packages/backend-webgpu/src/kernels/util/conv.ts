// Convolution geometry for the implicit-GEMM kernels: sizes from the shapes and attributes, packed into
// params, and WGSL index functions for each data / filter layout.

import type { Conv2dAttrs } from '@libml/core';

export interface ConvGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  oh: number;
  ow: number;
  kh: number;
  kw: number;
  groups: number;
  cg: number;
  og: number;
}

/** Geometry from the input (x), filter and conv output (y) shapes, in the attrs' layouts. */
export function convGeometry(
  x: readonly number[],
  filter: readonly number[],
  y: readonly number[],
  attrs: Conv2dAttrs,
): ConvGeometry {
  const nchw = attrs.dataFormat === 'NCHW';
  const [n, c, h, w] = nchw ? x : [x[0], x[3], x[1], x[2]];
  const [o, oh, ow] = nchw ? [y[1], y[2], y[3]] : [y[3], y[1], y[2]];
  const [kh, kw] = attrs.filterFormat === 'OIHW' ? [filter[2], filter[3]] : [filter[0], filter[1]];
  const groups = attrs.groups;
  return { n, c, h, w, o, oh, ow, kh, kw, groups, cg: c / groups, og: o / groups };
}

/** Params words (after GEMM's [M, N, K]), read in WGSL through the constants of CONV_WGSL. */
export function convParams(g: ConvGeometry, attrs: Conv2dAttrs): number[] {
  return [
    g.n,
    g.c,
    g.h,
    g.w,
    g.o,
    g.oh,
    g.ow,
    g.kh,
    g.kw,
    attrs.strides[0],
    attrs.strides[1],
    attrs.pads[0],
    attrs.pads[2],
    attrs.dilations[0],
    attrs.dilations[1],
    g.cg,
    g.og,
  ];
}

/** WGSL: named params and xIdx / yIdx (data layout) / wIdx (filter layout). */
export function convWgsl(attrs: Conv2dAttrs): string {
  const names = [
    'NB',
    'C',
    'H',
    'W',
    'O',
    'OH',
    'OW',
    'KH',
    'KW',
    'SH',
    'SW',
    'PT',
    'PL',
    'DH',
    'DW',
    'CG',
    'OG',
  ];
  const lines = names.map((name, i) => `fn ${name}() -> u32 { return pu(U + ${i}u); }`);
  if (attrs.dataFormat === 'NCHW') {
    lines.push(
      'fn xIdx(n: u32, c: u32, h: u32, w: u32) -> u32 { return ((n * C() + c) * H() + h) * W() + w; }',
    );
    lines.push(
      'fn yIdx(n: u32, o: u32, h: u32, w: u32) -> u32 { return ((n * O() + o) * OH() + h) * OW() + w; }',
    );
  } else {
    lines.push(
      'fn xIdx(n: u32, c: u32, h: u32, w: u32) -> u32 { return ((n * H() + h) * W() + w) * C() + c; }',
    );
    lines.push(
      'fn yIdx(n: u32, o: u32, h: u32, w: u32) -> u32 { return ((n * OH() + h) * OW() + w) * O() + o; }',
    );
  }
  if (attrs.filterFormat === 'OIHW') {
    lines.push(
      'fn wIdx(o: u32, c: u32, h: u32, w: u32) -> u32 { return ((o * CG() + c) * KH() + h) * KW() + w; }',
    );
  } else {
    lines.push(
      'fn wIdx(o: u32, c: u32, h: u32, w: u32) -> u32 { return ((h * KW() + w) * CG() + c) * O() + o; }',
    );
  }
  return lines.join('\n');
}

export function convVariant(attrs: Conv2dAttrs): string {
  return `${attrs.dataFormat}:${attrs.filterFormat}`;
}
