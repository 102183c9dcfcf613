// im2col and col2im for the convolutions (both data layouts, both filter layouts, groups, strides,
// dilations, padding): the column matrix then goes through gemm.
//
// Geometry block g (i32s, written by the JS side):
//  0 xsn, 1 xsc, 2 xsh, 3 xsw, 4 tap stride per channel, 5 per kernel row, 6 per kernel column,
//  7 outH, 8 outW, 9 strideH, 10 strideW, 11 padTop, 12 padLeft, 13 dilationH, 14 dilationW,
//  15 inH, 16 inW, 17 kernelH, 18 kernelW, 19 group input channels, 20 channelsLast, 21 positions, 22 taps

import { ldf, ldi, stf } from './common';

@inline function cdiv(a: i32, b: i32): i32 {
  // ceil(a / b) for b > 0
  return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}
@inline function fdiv(a: i32, b: i32): i32 {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/**
 * n floats from src to dst: SIMD moves for the short runs of an NHWC im2col (a few dozen bytes, where
 * memory.copy is a call into the engine's memmove).
 */
@inline function copyRun(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

@inline function zeroRun(dst: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.splat<i32>(0));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), 0);
}

/** im2col (scatter = false) or col2im (scatter = true: x += col folded back) for image n, group g. */
export function imageToColumns(g: usize, x: usize, n: i32, group: i32, col: usize, scatter: bool): void {
  const xsn = ldi(g, 0);
  const xsc = ldi(g, 1);
  const xsh = ldi(g, 2);
  const xsw = ldi(g, 3);
  const rc = ldi(g, 4);
  const rkh = ldi(g, 5);
  const rkw = ldi(g, 6);
  const outH = ldi(g, 7);
  const outW = ldi(g, 8);
  const strideH = ldi(g, 9);
  const strideW = ldi(g, 10);
  const padTop = ldi(g, 11);
  const padLeft = ldi(g, 12);
  const dilH = ldi(g, 13);
  const dilW = ldi(g, 14);
  const inH = ldi(g, 15);
  const inW = ldi(g, 16);
  const kH = ldi(g, 17);
  const kW = ldi(g, 18);
  const cin = ldi(g, 19);
  const channelsLast = ldi(g, 20) != 0;
  const positions = ldi(g, 21);
  const taps = ldi(g, 22);
  const colTap = channelsLast ? 1 : positions;
  const colPos = channelsLast ? taps : 1;
  const xBase = n * xsn + group * cin * xsc;
  if (channelsLast && !scatter && xsc == 1 && rc == 1 && rkw == cin && rkh == kW * cin && xsw == cin && dilW == 1) {
    // NHWC, one group, taps ordered (kh, kw, c) like an HWIO filter: a position's column row holds, per
    // kernel row, kW * cin floats that are contiguous in x too (when the whole run is inside the image).
    const run = kW * cin;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const row = col + (<usize>((oh * outW + ow) * taps) << 2);
        const iw0 = ow * strideW - padLeft;
        const wholeRun = iw0 >= 0 && iw0 + kW <= inW;
        for (let kh = 0; kh < kH; kh++) {
          const ih = oh * strideH - padTop + kh * dilH;
          const dst = row + (<usize>(kh * rkh) << 2);
          if (ih < 0 || ih >= inH) {
            zeroRun(dst, run);
          } else if (wholeRun) {
            copyRun(dst, x + (<usize>(xBase + ih * xsh + iw0 * xsw) << 2), run);
          } else {
            for (let kw = 0; kw < kW; kw++) {
              const iw = iw0 + kw;
              const d = dst + (<usize>(kw * cin) << 2);
              if (iw < 0 || iw >= inW) zeroRun(d, cin);
              else copyRun(d, x + (<usize>(xBase + ih * xsh + iw * xsw) << 2), cin);
            }
          }
        }
      }
    }
    return;
  }
  for (let kh = 0; kh < kH; kh++) {
    const shiftH = padTop - kh * dilH;
    // Clamped to the output: a pad wider than the kernel's reach leaves some taps no position at all.
    const ohStart = min(outH, max(0, cdiv(shiftH, strideH)));
    const ohEnd = max(ohStart, min(outH, fdiv(inH - 1 + shiftH, strideH) + 1));
    for (let kw = 0; kw < kW; kw++) {
      const shiftW = padLeft - kw * dilW;
      const owStart = min(outW, max(0, cdiv(shiftW, strideW)));
      const owEnd = max(owStart, min(outW, fdiv(inW - 1 + shiftW, strideW) + 1));
      const tap = kh * rkh + kw * rkw;
      for (let oh = 0; oh < outH; oh++) {
        const inRow = oh >= ohStart && oh < ohEnd;
        const ih = oh * strideH - padTop + kh * dilH;
        const rowStart = oh * outW;
        if (channelsLast) {
          for (let ow = 0; ow < outW; ow++) {
            const c0 = tap * colTap + (rowStart + ow) * colPos;
            const inside = inRow && ow >= owStart && ow < owEnd;
            const s0 = xBase + ih * xsh + (ow * strideW - padLeft + kw * dilW) * xsw;
            if (scatter) {
              if (inside) for (let c = 0; c < cin; c++) stf(x, s0 + c * xsc, ldf(x, s0 + c * xsc) + ldf(col, c0 + c * rc));
            } else if (inside) {
              if (rc == 1 && xsc == 1) copyRun(col + (<usize>c0 << 2), x + (<usize>s0 << 2), cin);
              else for (let c = 0; c < cin; c++) stf(col, c0 + c * rc, ldf(x, s0 + c * xsc));
            } else if (rc == 1) {
              zeroRun(col + (<usize>c0 << 2), cin);
            } else {
              for (let c = 0; c < cin; c++) stf(col, c0 + c * rc, 0);
            }
          }
        } else {
          const step = strideW * xsw;
          for (let c = 0; c < cin; c++) {
            const d0 = (tap + c * rc) * colTap + rowStart;
            const s0 = xBase + c * xsc + ih * xsh - padLeft * xsw + kw * dilW * xsw;
            if (scatter) {
              if (!inRow) continue;
              for (let ow = owStart, s = s0 + owStart * step; ow < owEnd; ow++, s += step) {
                stf(x, s, ldf(x, s) + ldf(col, d0 + ow));
              }
            } else if (!inRow) {
              memory.fill(col + (<usize>d0 << 2), 0, <usize>outW << 2);
            } else {
              memory.fill(col + (<usize>d0 << 2), 0, <usize>owStart << 2);
              if (step == 1) {
                memory.copy(col + (<usize>(d0 + owStart) << 2), x + (<usize>(s0 + owStart) << 2), <usize>(owEnd - owStart) << 2);
              } else {
                for (let ow = owStart, s = s0 + owStart * step; ow < owEnd; ow++, s += step) stf(col, d0 + ow, ldf(x, s));
              }
              memory.fill(col + (<usize>(d0 + owEnd) << 2), 0, <usize>(outW - owEnd) << 2);
            }
          }
        }
      }
    }
  }
}
