// Weight initialisers: He (Kaiming) and Glorot (Xavier), normal and uniform, drawn from core's seeded
// Philox generator (randomNormal / randomUniform), so a seed gives the same weights on every backend.

import { randomNormal, randomUniform, type Tensor, zeros } from '@libml/core';

/** Options of the initialisers (heNormal, heUniform, glorotNormal, glorotUniform, zerosInit). */
export interface InitOptions {
  /** Seed for a reproducible draw; without one core's global stream (setSeed) is used. */
  seed?: number;
  /** dtype of the weight (default float32). */
  dtype?: 'float32' | 'float64';
  /** He only: which fan sets the scale, 'fanIn' (default, preserves forward variance) or 'fanOut'. */
  mode?: 'fanIn' | 'fanOut';
  /** He only: the nonlinearity's gain (default sqrt(2), for ReLU). */
  gain?: number;
  /** Overrides the fans computed from the shape (e.g. for an HWIO filter). */
  fans?: { fanIn: number; fanOut: number };
}

/** Creates a weight tensor of `shape`. */
export type Initializer = (shape: readonly number[], options?: InitOptions) => Tensor;

/**
 * Fan-in and fan-out of a weight, PyTorch's convention: axis 1 is the input, axis 0 the output, and
 * the remaining axes (a convolution's kernel) multiply both. [out, in] for Linear, OIHW for Conv2d.
 */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) {
    const n = shape.length === 1 ? shape[0] : 1;
    return { fanIn: n, fanOut: n };
  }
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

function seedOf(o: InitOptions): { seed?: number; dtype: 'float32' | 'float64' } {
  return o.seed === undefined
    ? { dtype: o.dtype ?? 'float32' }
    : { seed: o.seed, dtype: o.dtype ?? 'float32' };
}

function heStd(shape: readonly number[], o: InitOptions): number {
  const f = o.fans ?? fans(shape);
  const fan = (o.mode ?? 'fanIn') === 'fanIn' ? f.fanIn : f.fanOut;
  return (o.gain ?? Math.SQRT2) / Math.sqrt(fan);
}

/** He (Kaiming) normal: N(0, gain^2 / fan), gain sqrt(2). */
export const heNormal: Initializer = (shape, options = {}) =>
  randomNormal(shape, 0, heStd(shape, options), seedOf(options));

/** He (Kaiming) uniform: U(-b, b) with b = gain sqrt(3 / fan), the same variance as heNormal. */
export const heUniform: Initializer = (shape, options = {}) => {
  const bound = Math.sqrt(3) * heStd(shape, options);
  return randomUniform(shape, -bound, bound, seedOf(options));
};

/** Glorot (Xavier) normal: N(0, 2 / (fanIn + fanOut)). */
export const glorotNormal: Initializer = (shape, options = {}) => {
  const { fanIn, fanOut } = options.fans ?? fans(shape);
  return randomNormal(shape, 0, Math.sqrt(2 / (fanIn + fanOut)), seedOf(options));
};

/** Glorot (Xavier) uniform: U(-b, b) with b = sqrt(6 / (fanIn + fanOut)). */
export const glorotUniform: Initializer = (shape, options = {}) => {
  const { fanIn, fanOut } = options.fans ?? fans(shape);
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  return randomUniform(shape, -bound, bound, seedOf(options));
};

/** All zeros (biases). */
export const zerosInit: Initializer = (shape, options = {}) => zeros(shape, options.dtype ?? 'float32');
