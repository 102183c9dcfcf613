// @libml/core: tensors, operators (each with its shape rule and gradient), autodiff, memory management,
// the backend contract and registry, and typed errors. Kernels live in the backend packages.

export * from './autodiff.js';
export type * from './backend.js';
export { ELEMENTWISE_PRIMITIVES, FUSED, OVERRIDES, PRIMITIVES, PRIMITIVES_VERSION } from './backend.js';
export type { Padding } from './conv-geometry.js';
export { type ConvGeometry, convGeometry } from './conv-kernel-geometry.js';
export * from './creation.js';
export * from './dtype.js';
export {
  currentBackend,
  dispose,
  findBackend,
  getBackend,
  isTracing,
  type KernelEvent,
  keep,
  type MemoryInfo,
  memory,
  onKernel,
  ready,
  registerBackend,
  registeredBackends,
  removeBackend,
  setBackend,
  type TensorContainer,
  tidy,
} from './engine.js';
export * from './errors.js';
export { type JitFunction, type JitOptions, type JitStats, jit } from './jit/jit.js';
export type { TensorLike } from './op-helpers.js';
export * from './ops/abs.js';
export * from './ops/add.js';
export * from './ops/argMax.js';
export * from './ops/argMin.js';
export * from './ops/avgPool2d.js';
export * from './ops/avgPool2dGrad.js';
export * from './ops/batchNorm.js';
export * from './ops/broadcastTo.js';
export * from './ops/cast.js';
export * from './ops/clip.js';
export * from './ops/concat.js';
export * from './ops/conv2d.js';
export * from './ops/conv2dBackpropFilter.js';
export * from './ops/conv2dBackpropInput.js';
export * from './ops/conv2dTranspose.js';
export * from './ops/cos.js';
export * from './ops/div.js';
export * from './ops/elu.js';
export * from './ops/equal.js';
export * from './ops/erf.js';
export * from './ops/exp.js';
export * from './ops/expandDims.js';
export * from './ops/gather.js';
export * from './ops/gelu.js';
export * from './ops/greater.js';
export * from './ops/greaterEqual.js';
export * from './ops/leakyRelu.js';
export * from './ops/less.js';
export * from './ops/lessEqual.js';
export * from './ops/log.js';
export * from './ops/logicalAnd.js';
export * from './ops/logicalNot.js';
export * from './ops/logicalOr.js';
export * from './ops/logSoftmax.js';
export * from './ops/matmul.js';
export * from './ops/max.js';
export * from './ops/maximum.js';
export * from './ops/maxPool2d.js';
export * from './ops/maxPool2dGrad.js';
export * from './ops/meanSquaredError.js';
export * from './ops/min.js';
export * from './ops/minimum.js';
export * from './ops/moments.js';
export * from './ops/mul.js';
export * from './ops/neg.js';
export * from './ops/notEqual.js';
export * from './ops/oneHot.js';
export * from './ops/pad.js';
export * from './ops/pow.js';
export * from './ops/prod.js';
export * from './ops/reduceMean.js';
export * from './ops/relu.js';
export * from './ops/reshape.js';
export * from './ops/scatterAdd.js';
export * from './ops/sigmoid.js';
export * from './ops/sin.js';
export * from './ops/slice.js';
export * from './ops/softmax.js';
export * from './ops/softmaxCrossEntropy.js';
export * from './ops/split.js';
export * from './ops/sqrt.js';
export * from './ops/square.js';
export * from './ops/squeeze.js';
export * from './ops/stack.js';
export * from './ops/stopGradient.js';
export * from './ops/sub.js';
export * from './ops/sum.js';
export * from './ops/tanh.js';
export * from './ops/transpose.js';
export * from './ops/where.js';
export { philox4x32, randomBits, setSeed } from './random.js';
export * from './shape.js';
export { type NestedArray, Tensor } from './tensor.js';
