// The shape of a conformance case file: one op, how to call it through libml's public API, and its
// cases (inputs described by shape and distribution, attributes as plain JSON the reference also reads).

import type { Tensor } from '@libml/core';

/** How an input's values are drawn (seeded per case): see inputs.ts. */
export type InputKind =
  | 'normal' // N(0, 1)
  | 'uniform' // U[low, high), default [-1, 1)
  | 'positive' // U[0.5, 2)
  | 'awayFromZero' // |x| in [0.25, 2), random sign: keeps finite differences off kinks at 0
  | 'int' // integers in [low, high), default [-5, 5)
  | 'bool'; // true/false with p = 1/2

/**
 * One input of a case: its shape and dtype (default float32), and how its values are drawn (`kind`, default
 * by dtype; `low`/`high` for uniform and int) or given.
 */
export interface InputSpec {
  readonly shape: readonly number[];
  readonly dtype?: 'float32' | 'int32' | 'bool';
  readonly kind?: InputKind;
  readonly low?: number;
  readonly high?: number;
  /** Explicit values (row-major); NaN and +-Infinity allowed. Overrides kind. */
  readonly values?: readonly (number | boolean)[];
}

/** Attributes: plain JSON, passed to `run` and to the float64 reference generator. */
export type Attrs = { readonly [key: string]: unknown };

/**
 * One case of an op suite: a name unique in the suite, its inputs, and the attributes passed to `run` and to
 * the reference.
 */
export interface CaseSpec {
  readonly name: string;
  readonly inputs: readonly InputSpec[];
  readonly attrs?: Attrs;
  /** Skip the finite-difference checks, with the reason (e.g. inputs sit on a kink or a tie). */
  readonly skipFiniteDifferences?: string;
}

/** How closely a backend must match the float64 reference. */
export type ToleranceClass =
  | 'exact' // movement, selection, comparison: bit-identical (NaN matches NaN)
  | 'elementwise' // a few ULP
  | 'reduction'; // scaled by the reduction length

/**
 * An op's conformance suite: how to call it, its tolerance class, which inputs are differentiable, and its
 * cases.
 */
export interface OpSuite {
  /** The public op name (also the reference generator's name). */
  readonly op: string;
  readonly tolerance: ToleranceClass;
  /** Inputs that are differentiable (indices); empty for ops without gradients. */
  readonly differentiable: readonly number[] | ((c: CaseSpec) => readonly number[]);
  /** Reduction length of a case, for 'reduction' tolerances (default: the largest input size). */
  readonly reductionLength?: (c: CaseSpec) => number;
  /** Calls the op through @libml/core's public API. */
  run(inputs: readonly Tensor[], attrs: Attrs): Tensor | readonly Tensor[];
  readonly cases: readonly CaseSpec[];
}

export function defineSuite(suite: OpSuite): OpSuite {
  return suite;
}
