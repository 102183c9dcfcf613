// The interpreter of jit's fused elementwise programs (src/kernels/util/fused.ts builds the program
// block). The output is processed in chunks of C elements; per chunk every instruction runs as one loop
// over the chunk (SIMD where the primitive kernel of the same name is), reading its operands' chunk
// buffers, so the intermediates stay in L1/L2 and never reach memory. Each op calls the same row code as
// the primitive kernel of its name (elementwise.ts), so results are the same as running them one by one.
//
// Program block (i32 words):
//   header [0] instructions I, [1] outputs O, [2] elements N, [3] chunk size C (a multiple of 4)
//   then I instructions of INS_WORDS words:
//     [0] opcode, [1] result kind (K_F32, K_I32, K_U8), [2..4] argument instructions, [5] aux (op code,
//     cast kind, operand kind), [6] address (input data, constant bits, or output memory when direct),
//     [7] slot (byte offset of the chunk buffer in the thread's register area, -1 for none), [8] input
//     mode (M_CONTIGUOUS, M_SCALAR, M_BROADCAST) or direct flag for ops, [9] word offset of a broadcast
//     input's walk [R, dims[R], strides[R]] (elements, 0 where broadcast)
//   then O outputs of 3 words: instruction, output address, 1 to copy the chunk there (0: written direct)
// Register area (one per thread): I words of chunk addresses, 64 words of walk counters, then the slots.

import { ldb, ldf, ldi, stb, stf, sti } from './common';
import {
  B_EQ,
  B_POW,
  binF,
  binFV,
  binI,
  binIV,
  cast,
  U_ABS,
  unaryF32,
  unaryI32,
} from './elementwise';

export const INS_WORDS = 10;
const OUT_WORDS = 3;
const HEADER = 8;

const OP_INPUT = 0;
const OP_CONST = 1;
const OP_UNARY = 2;
const OP_CAST = 3;
const OP_BINARY = 4;
const OP_COMPARE = 5;
const OP_WHERE = 6;

const K_F32 = 0;
const K_I32 = 1;

const M_CONTIGUOUS = 0;
const M_SCALAR = 1;

/** Same-kind cast: a copy. */
const CAST_COPY = -1;

@inline function shiftOf(kind: i32): i32 {
  return kind == 2 ? 0 : 2;
}

@inline function insWord(prog: usize, i: i32, w: i32): i32 {
  return ldi(prog, HEADER + i * INS_WORDS + w);
}

/** Fills n elements at dst with the element at src (size by shift). */
function splatInto(shift: i32, dst: usize, src: usize, n: i32): void {
  if (shift == 0) {
    memory.fill(dst, load<u8>(src), <usize>n);
    return;
  }
  const v = v128.load32_splat(src);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v);
  for (; i < n; i++) sti(dst, i, load<i32>(src));
}

/**
 * Elements [start, start + n) of a broadcast input, in output order, into dst: the input is read through
 * the walk (dims and element strides of the collapsed output shape, 0 along broadcast dims).
 */
function gatherInto(shift: i32, dst: usize, src: usize, walk: usize, counters: usize, start: i32, n: i32): void {
  const rank = ldi(walk, 0);
  // Multi-index of `start`, and the source offset it maps to.
  let rest = start;
  let offset = 0;
  for (let d = rank - 1; d >= 0; d--) {
    const dim = ldi(walk, 1 + d);
    const c = rest % dim;
    rest = rest / dim;
    sti(counters, d, c);
    offset += c * ldi(walk, 1 + rank + d);
  }
  const last = rank - 1;
  const innerDim = ldi(walk, 1 + last);
  const innerStride = ldi(walk, 1 + rank + last);
  let done = 0;
  while (done < n) {
    const c = ldi(counters, last);
    const len = min(innerDim - c, n - done);
    const s = src + (<usize>offset << shift);
    const d = dst + (<usize>done << shift);
    if (innerStride == 1) memory.copy(d, s, <usize>len << shift);
    else if (innerStride == 0) splatInto(shift, d, s, len);
    else if (shift == 2) for (let i = 0; i < len; i++) sti(d, i, ldi(s, i * innerStride));
    else for (let i = 0; i < len; i++) stb(d, i, ldb(s, i * innerStride));
    done += len;
    offset += len * innerStride;
    // Carry into the outer dims.
    sti(counters, last, c + len);
    for (let k = last; k > 0 && ldi(counters, k) == ldi(walk, 1 + k); k--) {
      const dim = ldi(walk, 1 + k);
      sti(counters, k, 0);
      offset -= dim * ldi(walk, 1 + rank + k);
      sti(counters, k - 1, ldi(counters, k - 1) + 1);
      offset += ldi(walk, 1 + rank + k - 1);
    }
  }
}

// ---- Ops over contiguous chunk buffers ----------------------------------------------------------------

@inline function binaryF32Chunk(op: i32, o: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  if (op != B_POW) {
    for (; i + 4 <= n; i += 4) {
      const k = <usize>i << 2;
      v128.store(o + k, binFV(op, v128.load(a + k), v128.load(b + k)));
    }
  }
  for (; i < n; i++) stf(o, i, binF(op, ldf(a, i), ldf(b, i)));
}

@inline function binaryI32Chunk(op: i32, o: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  if (op != B_POW) {
    for (; i + 4 <= n; i += 4) {
      const k = <usize>i << 2;
      v128.store(o + k, binIV(op, v128.load(a + k), v128.load(b + k)));
    }
  }
  for (; i < n; i++) sti(o, i, binI(op, ldi(a, i), ldi(b, i)));
}

/** int32 a / b truncated toward zero, as (a / b) | 0 in JavaScript: 0 for b = 0, wrapping at -2^31 / -1. */
function divI32Chunk(o: usize, a: usize, b: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x = ldi(a, i);
    const y = ldi(b, i);
    sti(o, i, y == 0 ? 0 : y == -1 ? -x : x / y);
  }
}

function binaryChunk(op: i32, kind: i32, o: usize, a: usize, b: usize, n: i32): void {
  if (kind == K_F32) {
    switch (op) {
      case 0: binaryF32Chunk(0, o, a, b, n); break;
      case 1: binaryF32Chunk(1, o, a, b, n); break;
      case 2: binaryF32Chunk(2, o, a, b, n); break;
      case 3: binaryF32Chunk(3, o, a, b, n); break;
      case 4: binaryF32Chunk(4, o, a, b, n); break;
      case 5: binaryF32Chunk(5, o, a, b, n); break;
      default: binaryF32Chunk(6, o, a, b, n); break;
    }
  } else if (kind == K_I32) {
    switch (op) {
      case 0: binaryI32Chunk(0, o, a, b, n); break;
      case 1: binaryI32Chunk(1, o, a, b, n); break;
      case 2: binaryI32Chunk(2, o, a, b, n); break;
      case 3: divI32Chunk(o, a, b, n); break;
      case 4: binaryI32Chunk(4, o, a, b, n); break;
      case 5: binaryI32Chunk(5, o, a, b, n); break;
      default: binaryI32Chunk(6, o, a, b, n); break;
    }
  } else {
    // bool: as the bool binary kernel (int32 arithmetic, stored as a byte).
    for (let i = 0; i < n; i++) stb(o, i, <u8>binI(op, <i32>ldb(a, i), <i32>ldb(b, i)));
  }
}

/** equal / less of two chunks of `kind` into bytes; NaN compares false. */
function compareChunk(op: i32, kind: i32, o: usize, a: usize, b: usize, n: i32): void {
  if (kind == K_F32) {
    let i = 0;
    // Vector compare, then the low byte of each lane's mask (0 or 1) packed into 4 bytes.
    for (; i + 4 <= n; i += 4) {
      const k = <usize>i << 2;
      const va = v128.load(a + k);
      const vb = v128.load(b + k);
      const m = op == B_EQ ? f32x4.eq(va, vb) : f32x4.lt(va, vb);
      const bits = v128.and(m, i32x4.splat(1));
      store<u32>(o + <usize>i, i32x4.extract_lane(i8x16.shuffle(bits, bits, 0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0));
    }
    if (op == B_EQ) for (; i < n; i++) stb(o, i, <u8>(ldf(a, i) == ldf(b, i)));
    else for (; i < n; i++) stb(o, i, <u8>(ldf(a, i) < ldf(b, i)));
  } else if (kind == K_I32) {
    if (op == B_EQ) for (let i = 0; i < n; i++) stb(o, i, <u8>(ldi(a, i) == ldi(b, i)));
    else for (let i = 0; i < n; i++) stb(o, i, <u8>(ldi(a, i) < ldi(b, i)));
  } else {
    if (op == B_EQ) for (let i = 0; i < n; i++) stb(o, i, <u8>(ldb(a, i) == ldb(b, i)));
    else for (let i = 0; i < n; i++) stb(o, i, <u8>(ldb(a, i) < ldb(b, i)));
  }
}

function whereChunk(kind: i32, o: usize, c: usize, a: usize, b: usize, n: i32): void {
  if (kind == 2) {
    for (let i = 0; i < n; i++) stb(o, i, select<u8>(ldb(a, i), ldb(b, i), ldb(c, i) != 0));
    return;
  }
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    // Widen 4 condition bytes to lane masks.
    const bytes = v128.load32_zero(c + <usize>i);
    const wide = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(bytes));
    const mask = i32x4.ne(wide, i32x4.splat(0));
    const k = <usize>i << 2;
    v128.store(o + k, v128.bitselect(v128.load(a + k), v128.load(b + k), mask));
  }
  for (; i < n; i++) sti(o, i, select<i32>(ldi(a, i), ldi(b, i), ldb(c, i) != 0));
}

// ---- The interpreter --------------------------------------------------------------------------------

/** Fills the slots of scalar inputs and constants (once per call: they are the same in every chunk). */
function fillInvariants(prog: usize, regs: usize, count: i32): void {
  const nIns = ldi(prog, 0);
  for (let i = 0; i < nIns; i++) {
    const op = insWord(prog, i, 0);
    const slot = insWord(prog, i, 7);
    if (slot < 0) continue;
    const shift = shiftOf(insWord(prog, i, 1));
    const dst = regs + <usize>slot;
    if (op == OP_CONST) {
      const bits = insWord(prog, i, 6);
      if (shift == 0) memory.fill(dst, <u8>bits, <usize>count);
      else {
        const v = i32x4.splat(bits);
        for (let j = 0; j < count; j += 4) v128.store(dst + (<usize>j << 2), v);
      }
    } else if (op == OP_INPUT && insWord(prog, i, 8) == M_SCALAR) {
      splatInto(shift, dst, <usize>insWord(prog, i, 6), count);
    }
  }
}

/** Runs chunks [chunkStart, chunkEnd) of the program, with this thread's register area `regs`. */
export function fusedChunks(prog: usize, regs: usize, chunkStart: i32, chunkEnd: i32): void {
  const nIns = ldi(prog, 0);
  const nOut = ldi(prog, 1);
  const total = ldi(prog, 2);
  const chunk = ldi(prog, 3);
  const outBase = HEADER + nIns * INS_WORDS;
  const counters = regs + (<usize>nIns << 2);
  fillInvariants(prog, regs, chunk);
  for (let c = chunkStart; c < chunkEnd; c++) {
    const start = c * chunk;
    const n = min(chunk, total - start);
    for (let i = 0; i < nIns; i++) {
      const op = insWord(prog, i, 0);
      const kind = insWord(prog, i, 1);
      const shift = shiftOf(kind);
      const slot = insWord(prog, i, 7);
      const mode = insWord(prog, i, 8);
      let dst: usize;
      if (op == OP_INPUT) {
        const src = <usize>insWord(prog, i, 6);
        if (mode == M_CONTIGUOUS) dst = src + (<usize>start << shift);
        else {
          dst = regs + <usize>slot;
          if (mode != M_SCALAR) {
            gatherInto(shift, dst, src, prog + (<usize>insWord(prog, i, 9) << 2), counters, start, n);
          }
        }
        sti(regs, i, <i32>dst);
        continue;
      }
      if (op == OP_CONST) {
        sti(regs, i, <i32>(regs + <usize>slot));
        continue;
      }
      // An op: into its slot, or straight into an output's memory (mode 1).
      dst = mode == 1 ? <usize>insWord(prog, i, 6) + (<usize>start << shift) : regs + <usize>slot;
      sti(regs, i, <i32>dst);
      const a = <usize>ldi(regs, insWord(prog, i, 2));
      const aux = insWord(prog, i, 5);
      if (op == OP_UNARY) {
        if (kind == K_I32) unaryI32(U_ABS, a, dst, n);
        else unaryF32(aux, a, dst, n, 0);
      } else if (op == OP_CAST) {
        if (aux == CAST_COPY) memory.copy(dst, a, <usize>n << shift);
        else cast(aux, a, dst, n);
      } else if (op == OP_BINARY) {
        binaryChunk(aux, kind, dst, a, <usize>ldi(regs, insWord(prog, i, 3)), n);
      } else if (op == OP_COMPARE) {
        // aux: the comparison (B_EQ, B_LT) + 16 * the operands' kind.
        compareChunk(aux & 15, aux >> 4, dst, a, <usize>ldi(regs, insWord(prog, i, 3)), n);
      } else if (op == OP_WHERE) {
        const b = <usize>ldi(regs, insWord(prog, i, 3));
        const e = <usize>ldi(regs, insWord(prog, i, 4));
        whereChunk(kind, dst, a, b, e, n);
      }
    }
    for (let k = 0; k < nOut; k++) {
      const w = outBase + k * OUT_WORDS;
      if (ldi(prog, w + 2) == 0) continue;
      const i = ldi(prog, w);
      const shift = shiftOf(insWord(prog, i, 1));
      memory.copy(<usize>ldi(prog, w + 1) + (<usize>start << shift), <usize>ldi(regs, i), <usize>n << shift);
    }
  }
}
