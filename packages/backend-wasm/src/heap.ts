// The allocator of wasm linear memory: 16-byte aligned blocks in size classes with per-class free lists
// (a freed block is reused by the next request of its class), a bump pointer above them, and growth of
// the memory up to a stated maximum. Past the maximum it first coalesces the free blocks (giving the
// top of the heap back to the bump pointer) and only then throws core's BackendError.
//
// Typed-array views of the memory are re-created whenever memory.grow detached the old buffer.

import { BackendError } from '@libml/core';

/** The part of WebAssembly.Memory the heap uses (kept structural so no DOM or Node typings are needed). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows by `pages` of 64 KiB; returns the old size in pages, or -1 (as WebAssembly.Memory.grow). */
  grow(pages: number): number;
}

export const PAGE_BYTES = 65536;
const ALIGN = 16;

/** Size class of a request: multiples of 16 up to 256 bytes, then 8 classes per power of two (<= 12.5% waste). */
export function sizeClass(bytes: number): number {
  if (bytes <= 256) return Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
  const top = 2 ** Math.floor(Math.log2(bytes));
  const step = top / 8;
  return Math.ceil(bytes / step) * step;
}

/** What the heap holds: live and free blocks, the bump top, and the memory's size and ceiling. */
export interface HeapStats {
  /** Blocks handed out and not yet freed. */
  readonly liveBlocks: number;
  /** Bytes of those blocks (by size class). */
  readonly liveBytes: number;
  /** Freed blocks waiting for reuse. */
  readonly freeBlocks: number;
  readonly freeBytes: number;
  /** End of the bump region (highest address ever handed out since the last trim). */
  readonly top: number;
  /** Current size of linear memory. */
  readonly memoryBytes: number;
  readonly maxBytes: number;
}

/**
 * The allocator over wasm linear memory: size classes with free lists (freed blocks are reused), a bump
 * region, memory.grow on demand up to `maxBytes`, and a typed error past it (after coalescing).
 */
export class WasmHeap {
  private readonly memory: WasmMemory;
  private readonly base: number;
  readonly maxBytes: number;
  private top: number;
  /** ptr -> size class of every live block. */
  private readonly live = new Map<number, number>();
  private liveBytes = 0;
  /** size class -> free block addresses (LIFO, so recently freed, cache-warm blocks come back first). */
  private readonly freeLists = new Map<number, number[]>();
  private freeBytes = 0;
  private freeCount = 0;
  private views: {
    buffer: ArrayBuffer;
    f32: Float32Array;
    i32: Int32Array;
    u8: Uint8Array;
    f64: Float64Array;
  };

  /** Manages [base, maxBytes) of `memory`. */
  constructor(memory: WasmMemory, base: number, maxBytes: number) {
    this.memory = memory;
    this.base = Math.ceil(base / ALIGN) * ALIGN;
    this.top = this.base;
    this.maxBytes = Math.floor(maxBytes / PAGE_BYTES) * PAGE_BYTES;
    this.views = makeViews(memory.buffer);
  }

  /** A block of at least `bytes` bytes, 16-byte aligned. Its contents are undefined. */
  alloc(bytes: number): number {
    const size = sizeClass(bytes);
    const list = this.freeLists.get(size);
    let ptr: number | undefined = list?.pop();
    if (ptr !== undefined) {
      this.freeBytes -= size;
      this.freeCount--;
    } else {
      ptr = this.bump(size);
    }
    this.live.set(ptr, size);
    this.liveBytes += size;
    return ptr;
  }

  /** Returns a block to its free list; unknown pointers (or a second free) are ignored. */
  free(ptr: number): void {
    const size = this.live.get(ptr);
    if (size === undefined) return;
    this.live.delete(ptr);
    this.liveBytes -= size;
    let list = this.freeLists.get(size);
    if (!list) {
      list = [];
      this.freeLists.set(size, list);
    }
    list.push(ptr);
    this.freeBytes += size;
    this.freeCount++;
  }

  /** Size class of a live block, or undefined. */
  sizeOf(ptr: number): number | undefined {
    return this.live.get(ptr);
  }

  /** A snapshot of the heap's blocks and memory. */
  stats(): HeapStats {
    return {
      liveBlocks: this.live.size,
      liveBytes: this.liveBytes,
      freeBlocks: this.freeCount,
      freeBytes: this.freeBytes,
      top: this.top,
      memoryBytes: this.memory.buffer.byteLength,
      maxBytes: this.maxBytes,
    };
  }

  get f32(): Float32Array {
    return this.current().f32;
  }
  get i32(): Int32Array {
    return this.current().i32;
  }
  get u8(): Uint8Array {
    return this.current().u8;
  }
  get f64(): Float64Array {
    return this.current().f64;
  }

  private current() {
    if (this.views.buffer !== this.memory.buffer) this.views = makeViews(this.memory.buffer);
    return this.views;
  }

  private bump(size: number): number {
    if (this.top + size > this.maxBytes) this.trim();
    if (this.top + size > this.maxBytes) {
      const fit = this.carve(size);
      if (fit !== undefined) return fit;
      throw new BackendError(
        'wasm',
        `out of memory: ${size} more bytes would pass the wasm backend's limit of ${this.maxBytes} bytes ` +
          `(${this.liveBytes} bytes live in ${this.live.size} blocks); dispose tensors or raise maxMemoryBytes`,
      );
    }
    const ptr = this.top;
    this.top += size;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) {
      // Grow geometrically (fewer detaching grows), within the limit.
      const want = Math.min(this.maxBytes, Math.max(this.top, Math.ceil(have * 1.5)));
      this.memory.grow(Math.ceil((want - have) / PAGE_BYTES));
    }
    return ptr;
  }

  /** Merges free blocks, drops those that end at the top back into the bump region, re-bins the rest. */
  private trim(): void {
    const blocks: [number, number][] = [];
    for (const [size, list] of this.freeLists) for (const ptr of list) blocks.push([ptr, size]);
    for (const span of this.spans) blocks.push(span);
    blocks.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [ptr, size] of blocks) {
      const last = merged[merged.length - 1];
      if (last && last[0] + last[1] === ptr) last[1] += size;
      else merged.push([ptr, size]);
    }
    while (merged.length > 0) {
      const last = merged[merged.length - 1];
      if (last[0] + last[1] !== this.top) break;
      this.top = last[0];
      merged.pop();
    }
    this.freeLists.clear();
    this.spans = merged;
    this.freeBytes = 0;
    for (const [, size] of merged) this.freeBytes += size;
    this.freeCount = merged.length;
  }

  /** Free spans left by trim(), first fit with splitting; the remainder stays a span. */
  private spans: [number, number][] = [];

  private carve(size: number): number | undefined {
    for (let i = 0; i < this.spans.length; i++) {
      const span = this.spans[i];
      if (span[1] < size) continue;
      const ptr = span[0];
      span[0] += size;
      span[1] -= size;
      this.freeBytes -= size;
      if (span[1] === 0) {
        this.spans.splice(i, 1);
        this.freeCount--;
      }
      return ptr;
    }
    return undefined;
  }
}

function makeViews(buffer: ArrayBuffer) {
  return {
    buffer,
    f32: new Float32Array(buffer),
    i32: new Int32Array(buffer),
    u8: new Uint8Array(buffer),
    f64: new Float64Array(buffer),
  };
}
