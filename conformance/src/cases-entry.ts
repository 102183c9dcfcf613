// The suite's data without the vitest runner: case files, input drawing, checks and the manifest
// builder (for the reference generator and for tools).

export * from './cases/index.js';
export * from './checks.js';
export * from './compare.js';
export * from './inputs.js';
export * from './manifest.js';
export { matrixMarkdown } from './matrix.js';
export * from './onnx/support.js';
export * from './onnx/types.js';
export * from './types.js';
