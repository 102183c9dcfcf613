// Data types, their storage arrays and the promotion lattice (NumPy's order, PyTorch's int+float rule).

/** Element type of a tensor: 32- or 64-bit float, 32-bit signed integer, or bool (stored as 0/1 bytes). */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';
/** The float dtypes: the only ones that carry gradients, and what float ops compute in. */
export type FloatDType = 'float32' | 'float64';

/** The typed array that stores each dtype. bool is stored as 0/1 bytes. */
export interface DTypeArrays {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}
/** The typed array that stores a tensor of any dtype (see DTypeArrays). */
export type DataArray = DTypeArrays[DType];

/** Every dtype, in promotion order: bool < int32 < float32 < float64. */
export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/** Whether `dtype` is float32 or float64 (a type guard). */
export function isFloat(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

/** Bytes one element of `dtype` takes in storage: 8 for float64, 1 for bool, 4 for float32 and int32. */
export function bytesPerElement(dtype: DType): number {
  switch (dtype) {
    case 'float64':
      return 8;
    case 'bool':
      return 1;
    default:
      return 4;
  }
}

/** A zero-filled typed array of `size` elements in `dtype`'s storage type (Uint8Array for bool). */
export function allocArray<D extends DType>(dtype: D, size: number): DTypeArrays[D];
export function allocArray(dtype: DType, size: number): DataArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
      return new Uint8Array(size);
  }
}

/**
 * Result dtype of a binary op. bool < int32 < float32 < float64, except that int32 with float32 gives
 * float32 (NumPy would widen to float64, which not every backend has; PyTorch and JAX give float32).
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** dtype a JS number takes next to a tensor of `other` dtype ("weak" scalar typing, as in JAX). */
export function weakScalarType(value: number | boolean, other: DType): DType {
  if (typeof value === 'boolean') return other;
  if (isFloat(other)) return other;
  return Number.isInteger(value) ? (other === 'bool' ? 'int32' : other) : 'float32';
}

/** Writes `value` the way the dtype stores it (bool as 0/1, int32 truncated). */
export function coerceScalar(value: number | boolean, dtype: DType): number {
  const v = typeof value === 'boolean' ? Number(value) : value;
  if (dtype === 'bool') return v !== 0 ? 1 : 0; // NaN is true, as NumPy
  if (dtype === 'int32') return v | 0;
  return v;
}
