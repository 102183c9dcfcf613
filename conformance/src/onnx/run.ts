// Runs one ONNX node test on the current backend through its adapter: inputs become tensors (int64 axes
// and shapes become numbers), outputs are compared with ONNX's expected values in shape, dtype and value,
// within libml's tolerance class for the op (forward only: 1x, as the suite's own forward check).

import { dispose, type Tensor, tidy } from '@libml/core';
import { goldenValues, toTensor } from '../checks.js';
import { mismatch } from '../compare.js';
import type { HostArray } from '../inputs.js';
import type { ToleranceClass } from '../types.js';
import { ONNX_ADAPTERS, type OnnxArg } from './adapters.js';
import { ATTRIBUTE_INPUTS, ONNX_EXPECTED_PRECISION } from './support.js';
import { type OnnxTensor, type OnnxTest, onnxTestName } from './types.js';

function hostArray(x: OnnxTensor): HostArray {
  if (!x.data) throw new Error(`no data for ${x.name} (the test is listed as left out)`);
  const dtype = x.dtype as HostArray['dtype'];
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool')
    throw new Error(`${x.name}: dtype ${x.dtype}`);
  const data = goldenValues({ shape: x.shape, data: x.data }, dtype);
  return { dtype, shape: x.shape, data };
}

/** The node's arguments in order; undefined for omitted optional inputs. */
function argumentsOf(t: OnnxTest): (OnnxArg | undefined)[] {
  const attributeInputs = ATTRIBUTE_INPUTS[t.op] ?? [];
  return t.node_inputs.map((name, position) => {
    if (name === '') return undefined;
    const x = t.inputs.find((i) => i.name === name);
    if (!x) throw new Error(`node input ${name} is not among the test's inputs`);
    if (attributeInputs.includes(position)) {
      return { shape: x.shape, values: (x.data ?? []).map(Number) };
    }
    return { shape: x.shape, tensor: toTensor(hostArray(x)) };
  });
}

export interface OnnxOutcome {
  /** null when every output matches, else what differs. */
  readonly message: string | null;
  /** The tolerance applied: its class, and the reduction length for 'reduction'. */
  readonly tolerance: ToleranceClass;
  readonly length: number;
}

/** Runs the test on the current backend (reading back with await data(), so async backends work). */
export async function runOnnxTest(t: OnnxTest): Promise<OnnxOutcome> {
  const adapter = ONNX_ADAPTERS[t.op];
  if (!adapter) return { message: `no adapter for ${t.op}`, tolerance: 'exact', length: 1 };
  let tolerance: { cls: ToleranceClass; length: number } = { cls: 'exact', length: 1 };
  const outs = tidy(() => {
    const args = argumentsOf(t);
    tolerance = adapter.tolerance(args, t.attributes);
    const out = adapter.run(args, t.attributes);
    return Array.isArray(out) ? [...out] : [out as Tensor];
  });
  const { cls, length } = tolerance;
  const atol = ONNX_EXPECTED_PRECISION[onnxTestName(t)]?.atol ?? 0;
  const result = (message: string | null): OnnxOutcome => ({ message, tolerance: cls, length });
  try {
    if (outs.length !== t.outputs.length)
      return result(`${outs.length} outputs, expected ${t.outputs.length}`);
    for (let i = 0; i < outs.length; i++) {
      const o = outs[i];
      const e = t.outputs[i];
      if (o.shape.join(',') !== e.shape.join(',')) {
        return result(`output ${e.name} has shape [${o.shape}], expected [${e.shape}]`);
      }
      if (o.dtype !== e.dtype) return result(`output ${e.name} has dtype ${o.dtype}, expected ${e.dtype}`);
      const m = mismatch(
        await o.data(),
        hostArray(e).data,
        { cls, length, factor: 1, atol },
        `output ${e.name}`,
      );
      if (m) return result(m);
    }
    return result(null);
  } finally {
    dispose(outs);
  }
}
