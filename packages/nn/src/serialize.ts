// Saving and loading a module's parameters and buffers (its state dict) as safetensors bytes. Loading
// creates the tensors on the current backend, so a model trained on one backend restores on another.

import { dispose } from '@libml/core';
import type { Module } from './module.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';

/** The module's parameters and buffers, by dotted name, as safetensors bytes. */
export function saveModel(module: Module, metadata?: Record<string, string>): Promise<Uint8Array> {
  return encodeSafetensors(module.stateDict(), metadata);
}

/**
 * Replaces the module's parameters and buffers with those in safetensors `bytes` (created on the current
 * backend; the old tensors are disposed). With `strict` (default) the names must match exactly. Returns
 * the file's metadata.
 */
export function loadModel(
  module: Module,
  bytes: Uint8Array,
  options: { strict?: boolean } = {},
): Record<string, string> {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const own = new Set(Object.keys(module.stateDict()));
  try {
    // Validates names, shapes and dtypes before it replaces anything.
    module.loadStateDict(tensors, { strict: options.strict ?? true });
  } catch (e) {
    dispose(Object.values(tensors));
    throw e;
  }
  dispose(Object.entries(tensors).flatMap(([k, t]) => (own.has(k) ? [] : [t])));
  return metadata;
}
