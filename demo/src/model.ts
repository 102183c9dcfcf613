// The demo's classifier: a small CNN for 1x8x8 digit images, built from @libml/nn layers.

import { BatchNorm, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '@libml/nn';

/**
 * conv 3x3 (16) - batchNorm - relu - maxPool 2 -> conv 3x3 (32) - batchNorm - relu - maxPool 2 -> linear
 * (128 -> 10). He-initialised from `seed`, so a seed gives the same model on every backend.
 */
export function digitsCnn(seed: number): Sequential {
  return new Sequential(
    new Conv2d(1, 16, 3, { padding: 1, bias: false, seed: seed * 10 + 1 }),
    new BatchNorm(16),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(16, 32, 3, { padding: 1, bias: false, seed: seed * 10 + 2 }),
    new BatchNorm(32),
    new ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(32 * 2 * 2, 10, { seed: seed * 10 + 3 }),
  );
}

/** A one-line description of the architecture for the log. */
export const ARCHITECTURE = 'conv3x3(16)-bn-relu-pool2 > conv3x3(32)-bn-relu-pool2 > linear(128,10)';
