// 2-D pooling and its gradients, either layout. Geometry block g (i32s, written by the JS side):
//  0 batch, 1 channels, 2 outH, 3 outW, 4..7 x strides (n, c, h, w), 8..11 y strides, 12 dilationH,
//  13 dilationW, then per output row: start, first tap, end tap (3*outH), per output column the same (3*outW).
// `div` (average pooling) holds the float64 divisor extents: outH row counts then outW column counts.

import { ldd, ldf, ldi, stf } from './common';

export function maxPool(g: usize, x: usize, y: usize): void {
  const batch = ldi(g, 0);
  const channels = ldi(g, 1);
  const outH = ldi(g, 2);
  const outW = ldi(g, 3);
  const xsn = ldi(g, 4);
  const xsc = ldi(g, 5);
  const xsh = ldi(g, 6);
  const xsw = ldi(g, 7);
  const ysn = ldi(g, 8);
  const ysc = ldi(g, 9);
  const ysh = ldi(g, 10);
  const ysw = ldi(g, 11);
  const rowStep = ldi(g, 12) * xsh;
  const colStep = ldi(g, 13) * xsw;
  const rows: i32 = 14;
  const cols: i32 = 14 + 3 * outH;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const xPlane = n * xsn + c * xsc;
      const yPlane = n * ysn + c * ysc;
      for (let oh = 0; oh < outH; oh++) {
        const khFirst = ldi(g, rows + 3 * oh + 1);
        const khEnd = ldi(g, rows + 3 * oh + 2);
        const rowBase = xPlane + ldi(g, rows + 3 * oh) * xsh;
        for (let ow = 0; ow < outW; ow++) {
          const kwFirst = ldi(g, cols + 3 * ow + 1);
          const kwEnd = ldi(g, cols + 3 * ow + 2);
          const base = rowBase + ldi(g, cols + 3 * ow) * xsw;
          let best: f32 = -Infinity;
          for (let kh = khFirst; kh < khEnd; kh++) {
            for (
              let kw = kwFirst, s = base + kh * rowStep + kwFirst * colStep;
              kw < kwEnd;
              kw++, s += colStep
            ) {
              const v = ldf(x, s);
              if (v > best || v != v) best = v;
            }
          }
          stf(y, yPlane + oh * ysh + ow * ysw, best);
        }
      }
    }
  }
}

/** dx (zeroed) += dy routed to each window's first maximal element (the first NaN counting as maximal). */
export function maxPoolGrad(g: usize, x: usize, dy: usize, dx: usize): void {
  const batch = ldi(g, 0);
  const channels = ldi(g, 1);
  const outH = ldi(g, 2);
  const outW = ldi(g, 3);
  const xsn = ldi(g, 4);
  const xsc = ldi(g, 5);
  const xsh = ldi(g, 6);
  const xsw = ldi(g, 7);
  const ysn = ldi(g, 8);
  const ysc = ldi(g, 9);
  const ysh = ldi(g, 10);
  const ysw = ldi(g, 11);
  const rowStep = ldi(g, 12) * xsh;
  const colStep = ldi(g, 13) * xsw;
  const rows: i32 = 14;
  const cols: i32 = 14 + 3 * outH;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const xPlane = n * xsn + c * xsc;
      const yPlane = n * ysn + c * ysc;
      for (let oh = 0; oh < outH; oh++) {
        const khFirst = ldi(g, rows + 3 * oh + 1);
        const khEnd = ldi(g, rows + 3 * oh + 2);
        const rowBase = xPlane + ldi(g, rows + 3 * oh) * xsh;
        for (let ow = 0; ow < outW; ow++) {
          const kwFirst = ldi(g, cols + 3 * ow + 1);
          const kwEnd = ldi(g, cols + 3 * ow + 2);
          const base = rowBase + ldi(g, cols + 3 * ow) * xsw;
          let best: f32 = NaN;
          let where = -1;
          let found = false;
          for (let kh = khFirst; kh < khEnd && !found; kh++) {
            for (
              let kw = kwFirst, s = base + kh * rowStep + kwFirst * colStep;
              kw < kwEnd;
              kw++, s += colStep
            ) {
              const v = ldf(x, s);
              if (where < 0 || v > best) {
                best = v;
                where = s;
              }
              if (v != v) {
                where = s;
                found = true;
                break;
              }
            }
          }
          if (where >= 0) stf(dx, where, ldf(dx, where) + ldf(dy, yPlane + oh * ysh + ow * ysw));
        }
      }
    }
  }
}

/** Average pooling (grad = false: y from x) or its adjoint (grad = true: x (zeroed) += dy / divisor). */
export function avgPool(g: usize, div: usize, x: usize, y: usize, grad: bool): void {
  const batch = ldi(g, 0);
  const channels = ldi(g, 1);
  const outH = ldi(g, 2);
  const outW = ldi(g, 3);
  const xsn = ldi(g, 4);
  const xsc = ldi(g, 5);
  const xsh = ldi(g, 6);
  const xsw = ldi(g, 7);
  const ysn = ldi(g, 8);
  const ysc = ldi(g, 9);
  const ysh = ldi(g, 10);
  const ysw = ldi(g, 11);
  const rows: i32 = 14;
  const cols: i32 = 14 + 3 * outH;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const xPlane = n * xsn + c * xsc;
      const yPlane = n * ysn + c * ysc;
      for (let oh = 0; oh < outH; oh++) {
        const khFirst = ldi(g, rows + 3 * oh + 1);
        const khEnd = ldi(g, rows + 3 * oh + 2);
        const rowBase = xPlane + ldi(g, rows + 3 * oh) * xsh;
        const rowCount = ldd(div, oh);
        for (let ow = 0; ow < outW; ow++) {
          const kwFirst = ldi(g, cols + 3 * ow + 1);
          const kwEnd = ldi(g, cols + 3 * ow + 2);
          const base = rowBase + ldi(g, cols + 3 * ow) * xsw;
          const divisor = rowCount * ldd(div, outH + ow);
          const yi = yPlane + oh * ysh + ow * ysw;
          if (grad) {
            const share = <f32>(<f64>ldf(y, yi) / divisor);
            for (let kh = khFirst; kh < khEnd; kh++) {
              for (let kw = kwFirst, s = base + kh * xsh + kwFirst * xsw; kw < kwEnd; kw++, s += xsw) {
                stf(x, s, ldf(x, s) + share);
              }
            }
          } else {
            let total: f64 = 0;
            for (let kh = khFirst; kh < khEnd; kh++) {
              for (let kw = kwFirst, s = base + kh * xsh + kwFirst * xsw; kw < kwEnd; kw++, s += xsw) {
                total += <f64>ldf(x, s);
              }
            }
            stf(y, yi, <f32>(total / divisor));
          }
        }
      }
    }
  }
}
