// Building blocks for operator spec files: argument conversion, dtype promotion, elementwise shape rules
// and the un-broadcasting every binary gradient needs.

import { constantLike } from './creation.js';
import { type DType, isFloat, promoteTypes, weakScalarType } from './dtype.js';
import { apply, currentBackend, type OpSpec, tidy, type VjpRule, writeTensor } from './engine.js';
import { DisposedTensorError, DTypeError } from './errors.js';
import { cast } from './ops/cast.js';
import { reshape } from './ops/reshape.js';
import { sum } from './ops/sum.js';
import { transpose } from './ops/transpose.js';
import { broadcastedAxes, broadcastShapes, shapesEqual } from './shape.js';
import { Tensor } from './tensor.js';

/** A tensor, or a JS number/boolean that becomes a scalar of a fitting dtype. */
export type TensorLike = Tensor | number | boolean;

/** Converts an op argument to a tensor on `like`'s backend (or the current one). */
export function toTensor(op: string, arg: string, x: TensorLike, like?: Tensor, dtype?: DType): Tensor {
  if (x instanceof Tensor) {
    if (x.isDisposed) throw new DisposedTensorError(op, arg, x.shape);
    return x;
  }
  if (typeof x !== 'number' && typeof x !== 'boolean') {
    throw new DTypeError(op, arg, `must be a Tensor, number or boolean, got ${typeof x}`);
  }
  const dt = dtype ?? (like ? weakScalarType(x, like.dtype) : typeof x === 'boolean' ? 'bool' : 'float32');
  if (like) return constantLike(like, Number(x), dt);
  const arr =
    dt === 'bool'
      ? new Uint8Array([x ? 1 : 0])
      : dt === 'int32'
        ? new Int32Array([Number(x)])
        : new Float32Array([Number(x)]);
  return writeTensor(arr, [], dt, currentBackend(op));
}

/** Converts two operands, JS scalars taking the other side's dtype, and promotes to a common dtype. */
export function promotePair(op: string, a: TensorLike, b: TensorLike, names = ['a', 'b']): [Tensor, Tensor] {
  let ta: Tensor;
  let tb: Tensor;
  if (a instanceof Tensor || !(b instanceof Tensor)) {
    ta = toTensor(op, names[0], a);
    tb = toTensor(op, names[1], b, ta);
  } else {
    tb = toTensor(op, names[1], b);
    ta = toTensor(op, names[0], a, tb);
  }
  const dt = promoteTypes(ta.dtype, tb.dtype);
  return [castIfNeeded(ta, dt), castIfNeeded(tb, dt)];
}

export function castIfNeeded(x: Tensor, dtype: DType): Tensor {
  return x.dtype === dtype ? x : cast(x, dtype);
}

/** Float inputs stay; int32 and bool become float32 (exp(int) is a float, as in NumPy). */
export function asFloat(x: Tensor): Tensor {
  return isFloat(x.dtype) ? x : cast(x, 'float32');
}

export function requireFloat(op: string, arg: string, x: Tensor): void {
  if (!isFloat(x.dtype)) throw new DTypeError(op, arg, `must be float32 or float64, got ${x.dtype}`);
}

/** Sums a gradient over the axes along which an operand of `shape` was broadcast. */
export function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const axes = broadcastedAxes(shape, g.shape);
  const summed = axes.length > 0 ? sum(g, axes) : g;
  return shapesEqual(summed.shape, shape) ? summed : reshape(summed, shape);
}

export interface ElementwiseOptions<A> {
  /** Output dtype; defaults to the (common) input dtype. */
  readonly outDtype?: DType;
  readonly vjp?: VjpRule<A>;
  readonly decompose?: (inputs: readonly Tensor[], attrs: A) => Tensor[];
  readonly nondifferentiable?: boolean;
}

/** Spec of an elementwise op over broadcast inputs of one dtype. */
export function elementwiseSpec<A = null>(name: string, options: ElementwiseOptions<A> = {}): OpSpec<A> {
  return {
    name,
    infer(inputs) {
      const shapes: Record<string, readonly number[]> = {};
      inputs.forEach((t, i) => {
        shapes[inputs.length === 1 ? 'x' : `input ${i}`] = t.shape;
      });
      const shape = inputs.length === 1 ? inputs[0].shape : broadcastShapes(name, shapes);
      return [{ shape, dtype: options.outDtype ?? inputs[inputs.length - 1].dtype }];
    },
    vjp: options.vjp,
    decompose: options.decompose,
    nondifferentiable: options.nondifferentiable,
    elementwise: true,
  };
}

/** Runs a float unary op (int/bool inputs are promoted to float32). */
export function floatUnary<A>(spec: OpSpec<A>, x: TensorLike, attrs: A): Tensor {
  return tidy(() => apply(spec, [asFloat(toTensor(spec.name, 'x', x))], attrs)[0]);
}

/** Runs a binary op after promotion. */
export function binary<A>(spec: OpSpec<A>, a: TensorLike, b: TensorLike, attrs: A): Tensor {
  return tidy(() => apply(spec, promotePair(spec.name, a, b), attrs)[0]);
}

/** Runs a unary op on `x` after an optional conversion (e.g. bool to int32). */
export function unary<A>(
  spec: OpSpec<A>,
  x: TensorLike,
  attrs: A,
  prepare: (t: Tensor) => Tensor = (t) => t,
): Tensor {
  return tidy(() => apply(spec, [prepare(toTensor(spec.name, 'x', x))], attrs)[0]);
}

/** Arithmetic on promoted operands; bool operands count as int32 (true + true = 2). */
export function arithmetic<A>(spec: OpSpec<A>, a: TensorLike, b: TensorLike, attrs: A = null as A): Tensor {
  return tidy(() => {
    let [ta, tb] = promotePair(spec.name, a, b);
    if (ta.dtype === 'bool') [ta, tb] = [cast(ta, 'int32'), cast(tb, 'int32')];
    return apply(spec, [ta, tb], attrs)[0];
  });
}

/** A comparison on promoted operands (output bool). */
export function compare<A>(spec: OpSpec<A>, a: TensorLike, b: TensorLike, attrs: A = null as A): Tensor {
  return tidy(() => apply(spec, promotePair(spec.name, a, b), attrs)[0]);
}

/** A logical op: operands become bool (`!= 0`). */
export function logical<A>(
  spec: OpSpec<A>,
  xs: readonly TensorLike[],
  attrs: A = null as A,
  names: readonly string[] = ['a', 'b'],
): Tensor {
  return tidy(() => {
    const first = toTensor(spec.name, names[0], xs[0], undefined);
    const ts = xs.map((x, i) =>
      castIfNeeded(i === 0 ? first : toTensor(spec.name, names[i], x, first, 'bool'), 'bool'),
    );
    return apply(spec, ts, attrs)[0];
  });
}

/** Moves one axis to the end (a transpose) for ops that work on the last axis. */
export function moveAxisLast(x: Tensor, axis: number): Tensor {
  if (axis === x.rank - 1) return x;
  const perm = x.shape.map((_, i) => i).filter((i) => i !== axis);
  return transpose(x, [...perm, axis]);
}
