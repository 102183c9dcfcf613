// Shared helpers of the kernels: typed loads and stores by element index, and the strided iterator.
//
// Every kernel works on raw pointers into linear memory (the JS side owns allocation), so no AssemblyScript
// runtime object is ever created: the module is built with `--runtime stub`.

@inline export function ldf(p: usize, i: i32): f32 {
  return load<f32>(p + (<usize>i << 2));
}
@inline export function stf(p: usize, i: i32, v: f32): void {
  store<f32>(p + (<usize>i << 2), v);
}
@inline export function ldi(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}
@inline export function sti(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v);
}
@inline export function ldb(p: usize, i: i32): u8 {
  return load<u8>(p + <usize>i);
}
@inline export function stb(p: usize, i: i32, v: u8): void {
  store<u8>(p + <usize>i, v);
}
@inline export function ldd(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
@inline export function std(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

// ---- Strided iteration -------------------------------------------------------------------------------
// A "meta" block (i32s, written by the JS side after collapsing dims) describes a walk over rows:
//   [0] nOps, [1] R (outer rank), [2] rowLen, [3] rowCount, [4 .. 4+nOps) inner stride per operand,
//   then dims[R], strides[nOps][R], counters[R] (zero), offsets[nOps] (start offsets, in elements).
// Operand 0 is the output. Each kernel runs its own tight loop per row and calls advance() between rows.

@inline export function metaOps(m: usize): i32 {
  return ldi(m, 0);
}
@inline export function metaRowLen(m: usize): i32 {
  return ldi(m, 2);
}
@inline export function metaRows(m: usize): i32 {
  return ldi(m, 3);
}
@inline export function innerStride(m: usize, k: i32): i32 {
  return ldi(m, 4 + k);
}
@inline export function offsetOf(m: usize, k: i32): i32 {
  const nOps = ldi(m, 0);
  const r = ldi(m, 1);
  return ldi(m, 4 + nOps + r + nOps * r + r + k);
}

/** Moves every operand's offset to the next row. */
export function advance(m: usize): void {
  const nOps = ldi(m, 0);
  const r = ldi(m, 1);
  const dimBase = 4 + nOps;
  const strideBase = dimBase + r;
  const counterBase = strideBase + nOps * r;
  const offsetBase = counterBase + r;
  for (let d = r - 1; d >= 0; d--) {
    const c = ldi(m, counterBase + d) + 1;
    const dim = ldi(m, dimBase + d);
    if (c < dim) {
      sti(m, counterBase + d, c);
      for (let k = 0; k < nOps; k++) {
        sti(m, offsetBase + k, ldi(m, offsetBase + k) + ldi(m, strideBase + k * r + d));
      }
      return;
    }
    sti(m, counterBase + d, 0);
    for (let k = 0; k < nOps; k++) {
      sti(m, offsetBase + k, ldi(m, offsetBase + k) - ldi(m, strideBase + k * r + d) * (dim - 1));
    }
  }
}
