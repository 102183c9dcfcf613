// @libml/nn: modules with named parameters and buffers, layers, seeded initialisers, optimizers with
// state that update a model in place, and safetensors save/load. Works on any registered backend.

export { AvgPool2d } from './avgPool2d.js';
export { BatchNorm, type BatchNormLayerOptions } from './batchNorm.js';
export { Conv2d, type Conv2dLayerOptions } from './conv2d.js';
export { Dropout, type DropoutOptions, maskSeed } from './dropout.js';
export { Flatten } from './flatten.js';
export { GELU } from './gelu.js';
export {
  fans,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  type Initializer,
  type InitOptions,
  zerosInit,
} from './init.js';
export { Linear, type LinearOptions } from './linear.js';
export { MaxPool2d } from './maxPool2d.js';
export { Module, ModuleError } from './module.js';
export { Adam, type AdamOptions } from './optim/adam.js';
export { AdamW } from './optim/adamw.js';
export {
  type FunctionalHyperParams,
  Optimizer,
  type OptimizerState,
  type ParamState,
} from './optim/optimizer.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export { ReLU } from './relu.js';
export { decodeSafetensors, encodeSafetensors, SafetensorsError } from './safetensors.js';
export { Sequential } from './sequential.js';
export { loadModel, saveModel } from './serialize.js';
export { flattenTree, isTensor, type ParamTree, type StateDict, unflattenTree } from './tree.js';
