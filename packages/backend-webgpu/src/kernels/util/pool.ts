// Pooling geometry in params and WGSL: named params, layout-dependent index functions, and the window
// helpers shared by max/avg pooling and their gradients (one invocation per output or per input element).

import type { AvgPool2dAttrs, Pool2dAttrs } from '@libml/core';

/** Params: [total, NB, C, H, W, OH, OW, KH, KW, SH, SW, PT, PL, DH, DW, PB, PR, countIncludePad]. */
export function poolParams(
  total: number,
  x: readonly number[],
  y: readonly number[],
  attrs: Pool2dAttrs | AvgPool2dAttrs,
): number[] {
  const nchw = attrs.dataFormat === 'NCHW';
  const [n, c, h, w] = nchw ? x : [x[0], x[3], x[1], x[2]];
  const [oh, ow] = nchw ? [y[2], y[3]] : [y[1], y[2]];
  const include = 'countIncludePad' in attrs && attrs.countIncludePad ? 1 : 0;
  return [
    total,
    n,
    c,
    h,
    w,
    oh,
    ow,
    attrs.kernelSize[0],
    attrs.kernelSize[1],
    attrs.strides[0],
    attrs.strides[1],
    attrs.pads[0],
    attrs.pads[2],
    attrs.dilations[0],
    attrs.dilations[1],
    attrs.pads[1],
    attrs.pads[3],
    include,
  ];
}

export function poolWgsl(attrs: Pool2dAttrs): string {
  const names = [
    'NB',
    'C',
    'H',
    'W',
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
    'PB',
    'PR',
    'INC',
  ];
  const lines = names.map((name, i) => `fn ${name}() -> i32 { return p(${i + 1}u); }`);
  if (attrs.dataFormat === 'NCHW') {
    lines.push(
      'fn idx4(n: i32, c: i32, h: i32, w: i32, hh: i32, ww: i32) -> u32 { return u32(((n * C() + c) * hh + h) * ww + w); }',
      // (n, c, h, w) of a flat index over [n, c, hh, ww].
      'fn split4(i: i32, hh: i32, ww: i32) -> vec4i { let w = i % ww; let t = i / ww; let h = t % hh; let t2 = t / hh; return vec4i(t2 / C(), t2 % C(), h, w); }',
    );
  } else {
    lines.push(
      'fn idx4(n: i32, c: i32, h: i32, w: i32, hh: i32, ww: i32) -> u32 { return u32(((n * hh + h) * ww + w) * C() + c); }',
      'fn split4(i: i32, hh: i32, ww: i32) -> vec4i { let c = i % C(); let t = i / C(); let w = t % ww; let t2 = t / ww; return vec4i(t2 / hh, c, t2 % hh, w); }',
    );
  }
  // The divisor of an average window (PyTorch): clipped to input + explicit padding, or to the input.
  lines.push(`fn avg_count(oh: i32, ow: i32) -> f32 {
  let hs = oh * SH() - PT(); let ws = ow * SW() - PL();
  if (INC() == 1) {
    return f32((min(hs + KH(), H() + PB()) - hs) * (min(ws + KW(), W() + PR()) - ws));
  }
  return f32((min(hs + KH(), H()) - max(hs, 0)) * (min(ws + KW(), W()) - max(ws, 0)));
}`);
  return lines.join('\n');
}
