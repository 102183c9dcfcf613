// Dropout layer (inverted dropout): in training mode zeroes each element with probability `rate` and
// scales the rest by 1 / (1 - rate); the identity in eval mode. Masks come from core's Philox generator:
// with a seed, call k of forward draws from a key derived from (seed, k), so runs are reproducible.

import { cast, less, mul, randomBits, randomUniform, type Tensor, tidy } from '@libml/core';
import { Module } from './module.js';

/** Options of the Dropout layer. */
export interface DropoutOptions {
  /** Seed of the mask sequence; without one, masks come from core's global stream (setSeed). */
  seed?: number;
}

/** Inverted dropout with drop probability `rate` in [0, 1). */
export class Dropout extends Module {
  readonly rate: number;
  readonly seed: number | undefined;
  /** How many masks have been drawn (the counter the next mask's key derives from); settable. */
  step = 0;

  constructor(rate = 0.5, options: DropoutOptions = {}) {
    super();
    if (!(rate >= 0 && rate < 1)) throw new RangeError(`Dropout: rate must be in [0, 1), got ${rate}`);
    this.rate = rate;
    this.seed = options.seed;
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.rate === 0) return x;
    const seed = this.seed === undefined ? undefined : maskSeed(this.seed, this.step);
    this.step++;
    const keepProb = 1 - this.rate;
    const dtype = x.dtype === 'float64' ? 'float64' : 'float32';
    return tidy(() => {
      const u = randomUniform(x.shape, 0, 1, seed === undefined ? { dtype } : { seed, dtype });
      return mul(x, mul(cast(less(u, keepProb), dtype), 1 / keepProb));
    });
  }
}

/** A 53-bit Philox key for mask `step` of `seed`: two words of the stream (seed, counter step). */
export function maskSeed(seed: number, step: number): number {
  const [lo, hi] = randomBits(seed, 2, step);
  return (hi & 0x1fffff) * 0x100000000 + lo;
}
