// CPU storage (one typed array per tensor) and the helpers kernels use to read inputs and allocate outputs.

import { allocArray, type DataArray, sizeOf, type TensorInfo, type TensorSpec } from '@libml/core';

/** The DataId of the CPU backend: a typed array in the storage type of the tensor's dtype. */
export class CpuData {
  readonly values: DataArray;
  constructor(values: DataArray) {
    this.values = values;
  }
}

/** The values behind an input; throws when the handle belongs to another backend. */
export function valuesOf(info: TensorInfo): DataArray {
  const id = info.dataId;
  if (!(id instanceof CpuData))
    throw new Error('cpu backend: input storage does not belong to the cpu backend');
  return id.values;
}

/** Fresh zero-filled storage for an output spec. */
export function allocOutput(spec: TensorSpec): CpuData {
  return new CpuData(allocArray(spec.dtype, sizeOf(spec.shape)));
}
