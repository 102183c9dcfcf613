// The DataId of the wasm backend: one block of wasm linear memory holding a tensor's elements
// (float32 and int32 as 4 bytes, bool as 1 byte).

import type { DType } from '@libml/core';

/** The wasm backend's storage handle: one block of linear memory holding a tensor's elements. */
export class WasmData {
  /** Byte address in linear memory. */
  readonly ptr: number;
  /** Element count. */
  readonly size: number;
  readonly dtype: DType;
  /** Bytes of the elements (size * bytes per element). */
  readonly bytes: number;
  constructor(ptr: number, size: number, dtype: DType, bytes: number) {
    this.ptr = ptr;
    this.size = size;
    this.dtype = dtype;
    this.bytes = bytes;
  }
}

/** Bytes per element in wasm memory; float64 is not stored by this backend. */
export function elementBytes(dtype: DType): number {
  return dtype === 'bool' ? 1 : 4;
}
