// @libml/conformance: the cross-backend conformance suite. runConformance({ backend }) from a vitest
// file runs every op's golden, gradient, finite-difference, second-order and leak checks.

export { kernelSummary, matrixMarkdown } from './matrix.js';
export { kernelGroups, reportMarkdown } from './report.js';
export * from './runner.js';
export type { Attrs, CaseSpec, InputSpec, OpSuite, ToleranceClass } from './types.js';
