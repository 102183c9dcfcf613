// Known failures of the webgpu backend on SwiftShader (Chromium's software WebGPU adapter, headless
// without a GPU), recorded with their reasons so the suite marks them as expected failures (and turns
// red if one starts passing). Applied only when the adapter is SwiftShader. Dawn on llvmpipe (the Node
// runs) passes all of these: they come from SwiftShader's shader math, which WGSL permits.

import type { Expectation } from '@libml/conformance';

const TRIG =
  "SwiftShader's sin/cos are approximations about 2e-4 off (WGSL allows 2^-11 absolute error on [-pi, pi]), " +
  "beyond the suite's 8-ULP bound";
const EXP_NAN = 'exp(NaN) is +Inf on SwiftShader (WGSL leaves NaN to the implementation)';
const GRAD_NAN =
  "the gradient's exp(NaN) term is +Inf on SwiftShader, not NaN (WGSL leaves NaN to the implementation)";
const FUSED_NAN =
  "a NaN input gives 0 in the fused (jit) kernel's generated WGSL on SwiftShader (the eager kernel keeps NaN)";

const each = (op: string, checks: Expectation['check'][], reason: string): Expectation[] =>
  checks.map((check) => ({ op, check, reason }));

export const SWIFTSHADER_EXPECTATIONS: readonly Expectation[] = [
  ...each('sin', ['forward', 'vjp', 'secondOrder', 'jit', 'jitVjp'], TRIG),
  ...each('cos', ['forward', 'vjp', 'secondOrder', 'jit', 'jitVjp'], TRIG),
  { op: 'Sin', check: 'onnx', reason: TRIG },
  { op: 'Cos', check: 'onnx', reason: TRIG },
  ...each('exp', ['forward', 'vjp', 'jit', 'jitVjp'], EXP_NAN),
  ...each('erf', ['vjp', 'jitVjp'], GRAD_NAN),
  ...each('logSoftmax', ['vjp', 'jitVjp'], GRAD_NAN),
  ...each('sigmoid', ['jit', 'jitVjp'], FUSED_NAN),
  ...each('tanh', ['jitVjp'], FUSED_NAN),
];
