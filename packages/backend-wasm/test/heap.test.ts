// The allocator on its own WebAssembly.Memory: size classes, reuse of freed blocks, growth, views
// re-created after grow, coalescing at the limit and the typed error past it.

import { BackendError } from '@libml/core';
import { describe, expect, test } from 'vitest';
import { PAGE_BYTES, sizeClass, WasmHeap } from '../src/heap.js';
import { createMemory } from '../src/loader.js';

function heap(initialPages: number, maxPages: number, base = 1024): WasmHeap {
  const memory = createMemory(initialPages, maxPages);
  return new WasmHeap(memory, base, maxPages * PAGE_BYTES);
}

describe('WasmHeap', () => {
  test('size classes: 16-byte multiples, then at most 12.5% rounding', () => {
    expect(sizeClass(0)).toBe(16);
    expect(sizeClass(1)).toBe(16);
    expect(sizeClass(17)).toBe(32);
    expect(sizeClass(256)).toBe(256);
    for (const n of [257, 1000, 4097, 65535, 1 << 20, 3_000_001]) {
      const c = sizeClass(n);
      expect(c).toBeGreaterThanOrEqual(n);
      expect(c).toBeLessThanOrEqual(n * 1.125 + 16);
      expect(c % 16).toBe(0);
    }
  });

  test('blocks are aligned, disjoint, and a freed block is reused by the next request of its class', () => {
    const h = heap(1, 16);
    const a = h.alloc(100);
    const b = h.alloc(100);
    expect(a % 16).toBe(0);
    expect(b % 16).toBe(0);
    expect(Math.abs(a - b)).toBeGreaterThanOrEqual(sizeClass(100));
    h.free(a);
    expect(h.stats().freeBlocks).toBe(1);
    const c = h.alloc(110); // same class as 100
    expect(c).toBe(a);
    expect(h.stats()).toMatchObject({ liveBlocks: 2, freeBlocks: 0 });
    h.free(c);
    h.free(c); // a second free is ignored
    expect(h.stats()).toMatchObject({ liveBlocks: 1, freeBlocks: 1 });
  });

  test('grows memory on demand and re-creates the typed-array views after grow', () => {
    const h = heap(1, 64);
    const before = h.f32;
    const small = h.alloc(64);
    h.f32[small >> 2] = 42;
    const big = h.alloc(3 * PAGE_BYTES);
    expect(h.stats().memoryBytes).toBeGreaterThanOrEqual(big + 3 * PAGE_BYTES);
    expect(before.length).toBe(0); // the old buffer was detached by grow
    expect(h.f32[small >> 2]).toBe(42);
    h.f32[(big >> 2) + 3 * (PAGE_BYTES / 4) - 1] = 7;
    expect(h.f32.length).toBe(h.stats().memoryBytes / 4);
  });

  test('past the limit it coalesces free blocks first, then throws BackendError', () => {
    const h = heap(1, 4, 0);
    const blocks = [h.alloc(PAGE_BYTES), h.alloc(PAGE_BYTES), h.alloc(PAGE_BYTES)];
    // Two neighbouring free pages make room for a two-page block only after coalescing.
    h.free(blocks[0]);
    h.free(blocks[1]);
    const two = h.alloc(2 * PAGE_BYTES - 4096);
    expect(two).toBe(blocks[0]);
    expect(() => h.alloc(2 * PAGE_BYTES)).toThrow(BackendError);
    expect(() => h.alloc(2 * PAGE_BYTES)).toThrow(/out of memory/);
    // Freeing everything gives the whole range back.
    h.free(two);
    h.free(blocks[2]);
    const all = h.alloc(4 * PAGE_BYTES);
    expect(all).toBe(0);
    expect(h.stats().liveBlocks).toBe(1);
  });
});
