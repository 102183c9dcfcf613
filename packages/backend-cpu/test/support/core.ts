// Test stand-in for '@libml/core': the contract modules straight from core's source, plus a recording
// registerBackend. Keeps these kernel tests independent of core's build and of its engine.

import type { Backend } from '../../../core/src/backend.js';

export * from '../../../core/src/backend.js';
export * from '../../../core/src/conv-kernel-geometry.js';
export * from '../../../core/src/dtype.js';
export * from '../../../core/src/errors.js';
export * from '../../../core/src/shape.js';

export interface Registration {
  readonly name: string;
  readonly factory: () => Backend | Promise<Backend>;
  readonly priority: number | undefined;
}

export const registrations: Registration[] = [];

export function registerBackend(
  name: string,
  factory: () => Backend | Promise<Backend>,
  priority?: number,
): void {
  registrations.push({ name, factory, priority });
}
