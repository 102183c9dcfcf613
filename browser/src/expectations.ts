// Known failures of the webgpu backend on SwiftShader (Chromium's software WebGPU adapter, headless
// without a GPU), recorded with their reasons so the suite marks them as expected failures (and turns
// red if one starts passing). Applied only when the adapter is SwiftShader.
//
// None now. The earlier ones came from SwiftShader's shader math, which WGSL permits, and the backend no
// longer relies on it: sin/cos (about 2e-4 off) are the backend's own Cody-Waite reduction and polynomials,
// exp(NaN) (+Inf, which also broke the NaN gradients of erf and logSoftmax and the fused sigmoid and tanh
// chains) keeps NaN through a test on the bits.

import type { Expectation } from '@libml/conformance';

export const SWIFTSHADER_EXPECTATIONS: readonly Expectation[] = [];
