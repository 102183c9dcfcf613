// Reverse-mode autodiff over functions of tensors and nested parameter objects: grad, valueAndGrad,
// vjp and customGrad. Gradient rules run as ordinary ops, so gradients of gradients work.

import { onesLike, zerosLike } from './creation.js';
import { isFloat } from './dtype.js';
import { backprop, recording, recordNode, Tape, tensorsIn, tidy, watch, withoutTapes } from './engine.js';
import { AttributeError, DTypeError, ShapeError } from './errors.js';
import { reshape } from './ops/reshape.js';
import { shapesEqual } from './shape.js';
import { Tensor } from './tensor.js';

/** Tensors nested in arrays and plain objects, e.g. a model's parameters. */
export type TensorTree = Tensor | readonly TensorTree[] | { readonly [key: string]: TensorTree };

/** Maps every tensor leaf of a tree (arrays and plain objects), keeping the structure. */
export function mapTree<T>(tree: T, fn: (t: Tensor) => Tensor): T {
  if (tree instanceof Tensor) return fn(tree) as T;
  if (Array.isArray(tree)) return tree.map((v) => mapTree(v, fn)) as T;
  if (tree !== null && typeof tree === 'object' && Object.getPrototypeOf(tree) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(tree)) out[k] = mapTree(v, fn);
    return out as T;
  }
  return tree;
}

interface Differentiated {
  value: Tensor;
  grads: unknown[];
  aux?: unknown;
}

function differentiate<A extends unknown[]>(
  op: string,
  f: (...args: A) => Tensor,
  args: A,
  argnums: readonly number[],
  cotangent: Tensor | undefined,
  hasAux = false,
): Differentiated {
  for (const i of argnums) {
    if (i < 0 || i >= args.length || !Number.isInteger(i)) {
      throw new AttributeError(op, 'argnums', `names argument ${i}, but the function got ${args.length}`);
    }
    for (const t of tensorsIn(args[i])) {
      if (!isFloat(t.dtype)) {
        throw new DTypeError(
          op,
          `argument ${i}`,
          `holds a ${t.dtype} tensor [${t.shape.join(', ')}]; only float tensors have gradients`,
        );
      }
    }
  }
  return tidy(() => {
    const tape = new Tape();
    try {
      const wrapped = args.map((a, i) => (argnums.includes(i) ? mapTree(a, (t) => watch(tape, t)) : a));
      const result: unknown = recording(tape, () => f(...(wrapped as A)));
      let value = result;
      let aux: unknown;
      if (hasAux) {
        if (!Array.isArray(result) || result.length !== 2) {
          throw new AttributeError(op, 'f', 'must return [value, aux]: a Tensor and a tree of tensors');
        }
        [value, aux] = result;
      }
      if (!(value instanceof Tensor)) throw new AttributeError(op, 'f', 'must return a Tensor');
      let ct = cotangent;
      if (!ct) {
        if (value.size !== 1 || !isFloat(value.dtype)) {
          throw new ShapeError(op, 'f must return a float scalar; use vjp() for other outputs', {
            value: value.shape,
          });
        }
        ct = onesLike(value);
      } else if (!shapesEqual(ct.shape, value.shape)) {
        throw new ShapeError(op, 'the cotangent must have the shape of f(...)', {
          cotangent: ct.shape,
          value: value.shape,
        });
      }
      const grads = backprop(tape, [value], [ct]);
      const seen = new Set<Tensor>([value, ct]);
      const distinct = (g: Tensor) => {
        const out = seen.has(g) ? reshape(g, g.shape) : g;
        seen.add(out);
        return out;
      };
      const out = argnums.map((i) => mapTree(wrapped[i], (t) => distinct(grads.get(t.id) ?? zerosLike(t))));
      // Every aux leaf gets a handle of its own (a view): aux may hold f's arguments or tensors it closes
      // over (a module's buffers), which disposing the result must not free.
      return hasAux
        ? { value: distinct(value), grads: out, aux: mapTree(aux, (t) => reshape(t, t.shape)) }
        : { value: distinct(value), grads: out };
    } finally {
      tape.dispose();
    }
  });
}

/**
 * Gradient of a scalar-valued `f` with respect to its first argument (a tensor or a tree of them),
 * or, with `argnums`, with respect to each listed argument.
 */
export function grad<A extends unknown[]>(f: (...args: A) => Tensor): (...args: A) => A[0];
export function grad<A extends unknown[]>(
  f: (...args: A) => Tensor,
  argnums: readonly number[],
): (...args: A) => unknown[];
export function grad<A extends unknown[]>(f: (...args: A) => Tensor, argnums?: readonly number[]) {
  return (...args: A) => {
    const { value, grads } = differentiate('grad', f, args, argnums ?? [0], undefined);
    value.dispose();
    return argnums ? grads : grads[0];
  };
}

/** Like grad, and also returns f's value. */
export function valueAndGrad<A extends unknown[]>(
  f: (...args: A) => Tensor,
): (...args: A) => { value: Tensor; grads: A[0] };
export function valueAndGrad<A extends unknown[]>(
  f: (...args: A) => Tensor,
  argnums: readonly number[],
): (...args: A) => { value: Tensor; grads: unknown[] };
export function valueAndGrad<A extends unknown[]>(f: (...args: A) => Tensor, argnums?: readonly number[]) {
  return (...args: A) => {
    const { value, grads } = differentiate('valueAndGrad', f, args, argnums ?? [0], undefined);
    return { value, grads: argnums ? grads : grads[0] };
  };
}

/**
 * Like valueAndGrad for an `f` that returns `[value, aux]`: `aux` (a tensor or a tree of them, e.g. the
 * logits, a count of correct predictions, or a layer's updated statistics) comes back alongside and is not
 * differentiated (JAX's `has_aux`).
 */
export function valueAndGradWithAux<A extends unknown[], X>(
  f: (...args: A) => readonly [Tensor, X],
): (...args: A) => { value: Tensor; aux: X; grads: A[0] };
export function valueAndGradWithAux<A extends unknown[], X>(
  f: (...args: A) => readonly [Tensor, X],
  argnums: readonly number[],
): (...args: A) => { value: Tensor; aux: X; grads: unknown[] };
export function valueAndGradWithAux<A extends unknown[], X>(
  f: (...args: A) => readonly [Tensor, X],
  argnums?: readonly number[],
) {
  return (...args: A) => {
    const { value, grads, aux } = differentiate(
      'valueAndGradWithAux',
      f as unknown as (...args: A) => Tensor,
      args,
      argnums ?? [0],
      undefined,
      true,
    );
    return { value, aux: aux as X, grads: argnums ? grads : grads[0] };
  };
}

/**
 * Vector-Jacobian product: f's value at `primals`, and the cotangent pulled back to every primal
 * (one gradient per primal, each a tree like the primal).
 */
export function vjp<P extends unknown[]>(
  f: (...primals: P) => Tensor,
  primals: P,
  cotangent: Tensor,
): { value: Tensor; grads: { [K in keyof P]: P[K] } } {
  const { value, grads } = differentiate(
    'vjp',
    f,
    primals,
    primals.map((_, i) => i),
    cotangent,
  );
  return { value, grads: grads as { [K in keyof P]: P[K] } };
}

/**
 * An op with a user-written gradient. `f` returns the value and a function from the value's cotangent
 * to one gradient per input (null for none).
 */
export function customGrad<T extends Tensor[]>(
  f: (...inputs: T) => { value: Tensor; gradFunc: (dy: Tensor) => readonly (Tensor | null)[] | Tensor },
): (...inputs: T) => Tensor {
  return (...inputs: T) => {
    const { value, gradFunc } = withoutTapes(() => f(...inputs));
    const out = inputs.includes(value) ? reshape(value, value.shape) : value;
    recordNode('customGrad', inputs, [out], ([dy]) => {
      const g = gradFunc(dy);
      const list = g instanceof Tensor ? [g] : g;
      if (list.length !== inputs.length) {
        throw new AttributeError(
          'customGrad',
          'gradFunc',
          `returned ${list.length} gradients for ${inputs.length} inputs`,
        );
      }
      return list;
    });
    return out;
  };
}

/**
 * Runs `fn` with gradient recording off and returns its result: no active tape (grad, valueAndGrad, vjp)
 * records the ops inside, so no gradient flows through what it computes.
 */
export { withoutTapes as noGrad };
