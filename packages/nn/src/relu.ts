// ReLU activation as a module (no parameters), for use in Sequential.

import { relu, type Tensor } from '@libml/core';
import { Module } from './module.js';

/** max(x, 0) elementwise. */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}
