// The shape of an ONNX node test as stored in conformance/goldens/onnx/<test>.json (converted from ONNX's
// backend node tests; see goldens/onnx/README.md). Left-out tests are listed without their data.

export interface OnnxTensor {
  readonly name: string;
  /** float32, int32, int64 or bool (float64 does not occur). */
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Row-major values; NaN and +-Infinity as strings. Absent for tests that are left out. */
  readonly data?: readonly (number | string | boolean)[];
}

export interface OnnxTest {
  /** "onnx/onnx onnx/backend/test/data/node/<test>". */
  readonly source: string;
  /** The ONNX op type (Gemm, Conv, ...). */
  readonly op: string;
  /** Version of the default domain the test was generated for. */
  readonly opset: number;
  /** The node's attributes; absent ones take ONNX's defaults. */
  readonly attributes: { readonly [name: string]: unknown };
  /** The node's inputs in argument order; "" marks an omitted optional input. */
  readonly node_inputs: readonly string[];
  readonly node_outputs: readonly string[];
  readonly inputs: readonly OnnxTensor[];
  readonly outputs: readonly OnnxTensor[];
}

/** Where the tests come from (also in goldens/onnx/README.md). */
export const ONNX_SOURCE = {
  repository: 'https://github.com/onnx/onnx',
  path: 'onnx/backend/test/data/node/',
  commit: '6be0677fc22e74563e6eb472f931513aefe5648d',
  license: 'Apache-2.0',
  copyright: 'Copyright (c) ONNX Project Contributors',
} as const;

/** The test's name: its directory in the ONNX repository (test_gemm_alpha, ...). */
export function onnxTestName(t: OnnxTest): string {
  return t.source.slice(t.source.lastIndexOf('/') + 1);
}
