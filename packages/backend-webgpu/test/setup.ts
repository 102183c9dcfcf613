// Shared test setup: selects the webgpu backend (llvmpipe through Dawn's OpenGL ES backend without a GPU)
// and a helper that reads a tensor back as a plain array.

import { findBackend, setBackend, type Tensor } from '@libml/core';
import { expect } from 'vitest';
import { WebGpuBackend } from '../src/index.js';

export async function useWebGpu(): Promise<WebGpuBackend> {
  await setBackend('webgpu');
  const b = findBackend('webgpu');
  if (!(b instanceof WebGpuBackend)) throw new Error('webgpu backend missing');
  return b;
}

export async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

/** Element-wise closeness with a relative tolerance; NaN matches NaN. */
export function expectClose(
  actual: readonly number[],
  expected: readonly number[],
  rtol = 1e-5,
  atol = 1e-6,
) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (Number.isNaN(e)) expect(a, `index ${i}`).toBeNaN();
    else if (!Number.isFinite(e)) expect(a, `index ${i}`).toBe(e);
    else expect(Math.abs(a - e), `index ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(atol + rtol * Math.abs(e));
  });
}
