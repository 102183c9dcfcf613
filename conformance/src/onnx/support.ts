// Which ONNX node tests the suite runs, decided from a test's metadata alone (op, dtypes, ranks, outputs),
// so that the import script and the runner agree on it. Everything else runs.

import type { OnnxTest } from './types.js';

/**
 * Inputs that ONNX passes as int64 tensors but that are attributes in libml (reduction axes, a reshape's
 * target shape): they are converted to JS numbers, not run as int64 data.
 */
export const ATTRIBUTE_INPUTS: { readonly [op: string]: readonly number[] } = {
  ReduceSum: [1],
  ReduceMean: [1],
  ReduceMax: [1],
  Reshape: [1],
};

/** The ONNX ops the suite maps onto libml's public ops (adapters.ts holds the mapping). */
export const ONNX_OPS = [
  'Abs',
  'Add',
  'AveragePool',
  'BatchNormalization',
  'Clip',
  'Concat',
  'Conv',
  'ConvTranspose',
  'Cos',
  'Div',
  'Elu',
  'Erf',
  'Exp',
  'Gelu',
  'Gemm',
  'LeakyRelu',
  'Log',
  'LogSoftmax',
  'MatMul',
  'MaxPool',
  'Mul',
  'Neg',
  'Pow',
  'ReduceMax',
  'ReduceMean',
  'ReduceSum',
  'Relu',
  'Reshape',
  'Sigmoid',
  'Sin',
  'Softmax',
  'Sqrt',
  'Sub',
  'Tanh',
  'Transpose',
  'Where',
] as const;

const SPATIAL_2D_ONLY = new Set(['AveragePool', 'MaxPool', 'ConvTranspose', 'Conv']);

/** Why a test is left out, or undefined when it runs. */
export function onnxLeftOutReason(t: OnnxTest): string | undefined {
  if (!(ONNX_OPS as readonly string[]).includes(t.op)) return `no libml mapping for ONNX ${t.op}`;
  if (t.op === 'MaxPool' && t.outputs.length > 1) {
    return 'second output (argmax indices, int64) has no libml counterpart: maxPool2d returns values only';
  }
  if (SPATIAL_2D_ONLY.has(t.op)) {
    const rank = t.inputs[0].shape.length;
    if (rank !== 4) {
      const fn = t.op === 'ConvTranspose' ? 'conv2dTranspose' : t.op === 'Conv' ? 'conv2d' : 'pooling';
      return `${rank - 2}-D ${t.op}: libml has 2-D ${fn} only`;
    }
  }
  const attributeInputs = ATTRIBUTE_INPUTS[t.op] ?? [];
  for (const x of t.inputs) {
    if (x.dtype === 'int64' && !attributeInputs.includes(t.node_inputs.indexOf(x.name))) {
      return `int64 data (input ${x.name}): libml has no int64 dtype`;
    }
  }
  for (const y of t.outputs) {
    if (y.dtype === 'int64') return `int64 data (output ${y.name}): libml has no int64 dtype`;
  }
  return undefined;
}

/**
 * Tests whose expected values ONNX wrote by hand to fewer digits than float32 holds: compared with an
 * absolute allowance of one unit in their last written digit, on top of the op's tolerance class.
 */
export const ONNX_EXPECTED_PRECISION: {
  readonly [test: string]: { readonly atol: number; readonly reason: string };
} = {
  test_averagepool_2d_ceil_last_window_starts_on_pad: {
    atol: 1e-4,
    reason:
      'ONNX writes inputs and expected values to 4 decimals by hand (onnx/backend/test/case/node/averagepool.py): ' +
      'y = [0.1511, 0.2841, 0.3572] where the means of the stored inputs are 0.151056, 0.284044, 0.357222; ' +
      'compared with atol 1e-4 (one unit in the 4th decimal)',
  },
};
