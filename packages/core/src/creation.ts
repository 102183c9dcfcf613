// Tensor creation on the current backend: from JS values, constants, ranges, identity and seeded randoms.

import { allocArray, coerceScalar, type DataArray, DTYPES, type DType } from './dtype.js';
import { currentBackend, forbidInTrace, writeTensor } from './engine.js';
import { AttributeError, DTypeError, ShapeError } from './errors.js';
import { nextStream, normalFloats, uniformFloats } from './random.js';
import { checkShape, sizeOf } from './shape.js';
import type { NestedArray, Tensor } from './tensor.js';

/**
 * The typed arrays tensor() takes as values: Float32Array, Float64Array, Int32Array, or Uint8Array (read as
 * bool).
 */
export type TypedArrayLike = Float32Array | Float64Array | Int32Array | Uint8Array;
/** What tensor() accepts: a number, a boolean, nested arrays of them, or a typed array. */
export type TensorValues = number | boolean | NestedArray | TypedArrayLike | readonly number[];

function inferDType(values: TensorValues): DType {
  if (values instanceof Float64Array) return 'float64';
  if (values instanceof Int32Array) return 'int32';
  if (values instanceof Uint8Array) return 'bool';
  if (values instanceof Float32Array) return 'float32';
  const first = flatten(values)[0];
  return typeof first === 'boolean' ? 'bool' : 'float32';
}

function flatten(values: TensorValues): (number | boolean)[] {
  if (typeof values === 'number' || typeof values === 'boolean') return [values];
  if (ArrayBuffer.isView(values)) return Array.from(values as TypedArrayLike);
  const out: (number | boolean)[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const e of v) walk(e);
    else out.push(v as number | boolean);
  };
  walk(values);
  return out;
}

function nestedShape(values: TensorValues): number[] {
  const shape: number[] = [];
  let v: unknown = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  if (ArrayBuffer.isView(values)) return [(values as TypedArrayLike).length];
  return shape;
}

function checkRagged(values: NestedArray, shape: readonly number[], dim = 0): void {
  if (dim === shape.length) {
    if (Array.isArray(values)) throw new ShapeError('tensor', 'values are nested unevenly');
    return;
  }
  if (!Array.isArray(values) || values.length !== shape[dim]) {
    throw new ShapeError('tensor', `values are nested unevenly at depth ${dim}`, { inferred: shape });
  }
  for (const v of values) checkRagged(v, shape, dim + 1);
}

/**
 * A tensor from JS values. The shape is inferred from nesting unless given; dtype from the values
 * (Float32Array/numbers: float32, Int32Array: int32, Uint8Array/booleans: bool, Float64Array: float64).
 */
export function tensor(values: TensorValues, shape?: readonly number[], dtype?: DType): Tensor {
  const dt = dtype ?? inferDType(values);
  if (ArrayBuffer.isView(values) && inferDType(values) === dt) {
    // Typed array of the target dtype: one bulk copy (the backend copies again into its storage).
    const sh = shape ? checkShape('tensor', 'shape', shape) : [values.length];
    if (sizeOf(sh) !== values.length) {
      throw new ShapeError('tensor', `got ${values.length} values for a shape of size ${sizeOf(sh)}`, {
        shape: sh,
      });
    }
    return writeTensor(values, sh, dt, currentBackend('tensor'));
  }
  const inferred = nestedShape(values);
  if (!shape && Array.isArray(values)) checkRagged(values as NestedArray, inferred);
  const flat = flatten(values);
  const sh = shape ? checkShape('tensor', 'shape', shape) : inferred;
  const n = sizeOf(sh);
  if (flat.length !== n && !(flat.length === 1 && shape)) {
    throw new ShapeError('tensor', `got ${flat.length} values for a shape of size ${n}`, { shape: sh });
  }
  const arr = allocArray(dt, n);
  if (flat.length === 1) arr.fill(coerceScalar(flat[0], dt));
  else for (let i = 0; i < n; i++) arr[i] = coerceScalar(flat[i], dt);
  return writeTensor(arr, sh, dt, currentBackend('tensor'));
}

/**
 * A rank-0 tensor holding `value`. The dtype defaults to bool for a boolean and float32 for a number; int32
 * truncates and bool stores `value != 0`.
 */
export function scalar(value: number | boolean, dtype?: DType): Tensor {
  return tensor(value, [], dtype ?? (typeof value === 'boolean' ? 'bool' : 'float32'));
}

/** A tensor of `shape` with every element `value`. */
export function fill(shape: readonly number[], value: number | boolean, dtype: DType = 'float32'): Tensor {
  return filled('fill', shape, value, dtype);
}

/**
 * A tensor of `shape` filled with 0 (dtype float32 by default). Throws AttributeError for a shape that is not
 * a list of non-negative integers and DTypeError for an unknown dtype.
 */
export function zeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return filled('zeros', shape, 0, dtype);
}

/**
 * A tensor of `shape` filled with 1 (true for bool; dtype float32 by default). Throws AttributeError for a
 * shape that is not a list of non-negative integers and DTypeError for an unknown dtype.
 */
export function ones(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  return filled('ones', shape, 1, dtype);
}

/** A constant tensor; `op` names the public function in errors. */
function filled(op: string, shape: readonly number[], value: number | boolean, dtype: DType): Tensor {
  const sh = checkShape(op, 'shape', shape);
  if (!DTYPES.includes(dtype)) {
    throw new DTypeError(op, 'dtype', `must be one of ${DTYPES.join(', ')}, got ${String(dtype)}`);
  }
  const arr = allocArray(dtype, sizeOf(sh));
  arr.fill(coerceScalar(value, dtype));
  return writeTensor(arr, sh, dtype, currentBackend(op));
}

function onBackendOf(like: Tensor, values: DataArray, dtype: DType): Tensor {
  return writeTensor(values, like.shape, dtype, like.backendInstance);
}

/** A tensor of zeros with the shape of `x`, on `x`'s backend, in `dtype` (default: `x`'s dtype). */
export function zerosLike(x: Tensor, dtype: DType = x.dtype): Tensor {
  return onBackendOf(x, allocArray(dtype, x.size), dtype);
}

/** A tensor of ones with the shape of `x`, on `x`'s backend, in `dtype` (default: `x`'s dtype). */
export function onesLike(x: Tensor, dtype: DType = x.dtype): Tensor {
  const arr = allocArray(dtype, x.size);
  arr.fill(1);
  return onBackendOf(x, arr, dtype);
}

/** A scalar (or `shape`) constant on the same backend as `like`. */
export function constantLike(
  like: Tensor,
  value: number,
  dtype: DType,
  shape: readonly number[] = [],
): Tensor {
  const arr = allocArray(dtype, sizeOf(shape));
  arr.fill(coerceScalar(value, dtype));
  return writeTensor(arr, shape, dtype, like.backendInstance);
}

/** [start, start+step, ...) up to `stop` (exclusive). One argument means [0, stop). */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): Tensor {
  const [lo, hi] = stop === undefined ? [0, start] : [start, stop];
  if (step === 0 || !Number.isFinite(step))
    throw new AttributeError('arange', 'step', `must be finite and non-zero, got ${step}`);
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const dt = dtype ?? ([lo, hi, step].every(Number.isInteger) ? 'int32' : 'float32');
  const arr = allocArray(dt, n);
  for (let i = 0; i < n; i++) arr[i] = coerceScalar(lo + i * step, dt);
  return writeTensor(arr, [n], dt, currentBackend('arange'));
}

/** The n x m identity (ones on the diagonal shifted by `k`). */
export function eye(n: number, m = n, k = 0, dtype: DType = 'float32'): Tensor {
  checkShape('eye', 'n, m', [n, m]);
  const arr = allocArray(dtype, n * m);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < m) arr[i * m + j] = 1;
  }
  return writeTensor(arr, [n, m], dtype, currentBackend('eye'));
}

/** Options of randomUniform and randomNormal. */
export interface RandomOptions {
  /** Seed for a reproducible draw; without one the global stream (setSeed) is used and advanced. */
  seed?: number;
  /** With a seed: where in its stream to start (in blocks of 4 numbers), for fresh draws per step. */
  offset?: number;
  /** Output dtype (default float32); other dtypes throw DTypeError. */
  dtype?: 'float32' | 'float64';
}

function floatDType(op: string, dtype: DType): 'float32' | 'float64' {
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new DTypeError(op, 'dtype', `must be float32 or float64, got ${dtype}`);
  return dtype;
}

function drawn(op: string, shape: readonly number[], values: Float64Array, dtype: DType): Tensor {
  forbidInTrace(op, 'draw random numbers (they would be fixed at trace time); draw outside and pass them in');
  const dt = floatDType(op, dtype);
  const arr = allocArray(dt, values.length);
  arr.set(values);
  return writeTensor(arr, shape, dt, currentBackend(op));
}

/** Uniform samples in [min, max): the same numbers on every backend for the same seed. */
export function randomUniform(
  shape: readonly number[],
  min = 0,
  max = 1,
  options: RandomOptions = {},
): Tensor {
  const sh = checkShape('randomUniform', 'shape', shape);
  const n = sizeOf(sh);
  const { seed, offset } =
    options.seed === undefined ? nextStream(n) : { seed: options.seed, offset: options.offset ?? 0 };
  const u = uniformFloats(seed, n, offset);
  for (let i = 0; i < n; i++) u[i] = min + (max - min) * u[i];
  return drawn('randomUniform', sh, u, options.dtype ?? 'float32');
}

/** Normal samples with the given mean and standard deviation: the same on every backend for a seed. */
export function randomNormal(
  shape: readonly number[],
  mean = 0,
  stddev = 1,
  options: RandomOptions = {},
): Tensor {
  const sh = checkShape('randomNormal', 'shape', shape);
  const n = sizeOf(sh);
  const { seed, offset } =
    options.seed === undefined ? nextStream(n) : { seed: options.seed, offset: options.offset ?? 0 };
  const z = normalFloats(seed, n, offset);
  for (let i = 0; i < n; i++) z[i] = mean + stddev * z[i];
  return drawn('randomNormal', sh, z, options.dtype ?? 'float32');
}
