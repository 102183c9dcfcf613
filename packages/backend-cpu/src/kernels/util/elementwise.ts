// Kernel factories for elementwise ops. Each op supplies a "run" with its own tight loop over one
// contiguous or strided row, so the per-element work is inlined and no closure is called per element.

import type { DataArray, Kernel, TensorInfo, TensorSpec } from '@libml/core';
import { allocOutput, valuesOf } from '../../data.js';
import { broadcastStrides, contiguousStrides, RowIterator } from './strides.js';

/** Fills all of `out` from `x` (same length). */
export type UnaryRun = (x: DataArray, out: DataArray) => void;

/** out[o + i] = f(a[ai + i*as], b[bi + i*bs]) for i < n. */
export type BinaryRun = (
  out: DataArray,
  o: number,
  a: DataArray,
  ai: number,
  as: number,
  b: DataArray,
  bi: number,
  bs: number,
  n: number,
) => void;

/** out[o + i] = f(c[ci + i*cs], a[ai + i*as], b[bi + i*bs]) for i < n. */
export type TernaryRun = (
  out: DataArray,
  o: number,
  c: DataArray,
  ci: number,
  cs: number,
  a: DataArray,
  ai: number,
  as: number,
  b: DataArray,
  bi: number,
  bs: number,
  n: number,
) => void;

/** A same-shape, one-input kernel. `int32Run` replaces `run` when the output is int32. */
export function unaryKernel(run: UnaryRun, int32Run: UnaryRun = run): Kernel<unknown> {
  return (inputs, _attrs, outputs) => {
    const out = allocOutput(outputs[0]);
    (outputs[0].dtype === 'int32' ? int32Run : run)(valuesOf(inputs[0]), out.values);
    return [out];
  };
}

/** Runs a binary row function over `inputs` broadcast to `output`, into `out`. */
export function broadcastBinary(
  run: BinaryRun,
  inputs: readonly TensorInfo[],
  output: TensorSpec,
  out: DataArray,
): void {
  const a = valuesOf(inputs[0]);
  const b = valuesOf(inputs[1]);
  const n = out.length;
  if (n === 0) return;
  // Equal sizes under broadcasting mean identical shapes; a size-1 side is a scalar.
  if (a.length === n && b.length === n) {
    run(out, 0, a, 0, 1, b, 0, 1, n);
    return;
  }
  if (a.length === 1 && b.length === n) {
    run(out, 0, a, 0, 0, b, 0, 1, n);
    return;
  }
  if (b.length === 1 && a.length === n) {
    run(out, 0, a, 0, 1, b, 0, 0, n);
    return;
  }
  const rows = new RowIterator(output.shape, [
    contiguousStrides(output.shape),
    broadcastStrides(inputs[0].shape, output.shape),
    broadcastStrides(inputs[1].shape, output.shape),
  ]);
  const { offsets, innerStrides, rowLength } = rows;
  for (let r = 0; r < rows.rowCount; r++) {
    run(out, offsets[0], a, offsets[1], innerStrides[1], b, offsets[2], innerStrides[2], rowLength);
    rows.next();
  }
}

/** A broadcasting two-input kernel. `int32Run` replaces `run` when the output is int32. */
export function binaryKernel(run: BinaryRun, int32Run: BinaryRun = run): Kernel<unknown> {
  return (inputs, _attrs, outputs) => {
    const out = allocOutput(outputs[0]);
    broadcastBinary(outputs[0].dtype === 'int32' ? int32Run : run, inputs, outputs[0], out.values);
    return [out];
  };
}

/** A broadcasting three-input kernel. */
export function ternaryKernel(run: TernaryRun): Kernel<unknown> {
  return (inputs, _attrs, outputs) => {
    const spec = outputs[0];
    const out = allocOutput(spec);
    const o = out.values;
    const c = valuesOf(inputs[0]);
    const a = valuesOf(inputs[1]);
    const b = valuesOf(inputs[2]);
    const n = o.length;
    if (n === 0) return [out];
    if (c.length === n && a.length === n && b.length === n) {
      run(o, 0, c, 0, 1, a, 0, 1, b, 0, 1, n);
      return [out];
    }
    const rows = new RowIterator(spec.shape, [
      contiguousStrides(spec.shape),
      broadcastStrides(inputs[0].shape, spec.shape),
      broadcastStrides(inputs[1].shape, spec.shape),
      broadcastStrides(inputs[2].shape, spec.shape),
    ]);
    const { offsets, innerStrides: s, rowLength } = rows;
    for (let r = 0; r < rows.rowCount; r++) {
      run(o, offsets[0], c, offsets[1], s[1], a, offsets[2], s[2], b, offsets[3], s[3], rowLength);
      rows.next();
    }
    return [out];
  };
}
