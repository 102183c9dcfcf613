import { describe, expect, test } from 'vitest';
import './setup.js';
import {
  add,
  customGrad,
  dispose,
  exp,
  grad,
  matmul,
  memory,
  mul,
  relu,
  sin,
  stopGradient,
  sum,
  type Tensor,
  tensor,
  tidy,
  valueAndGrad,
  valueAndGradWithAux,
  vjp,
} from '@libml/core';

const close = (t: Tensor, expected: number[], digits = 5) => {
  const got = Array.from(t.dataSync() as Float32Array);
  expect(got.length).toBe(expected.length);
  got.forEach((v, i) => {
    expect(v).toBeCloseTo(expected[i], digits);
  });
};

describe('grad', () => {
  test('product rule through a shared input', () => {
    const x = tensor([1, 2, 3]);
    const g = grad((a: Tensor) => sum(mul(sin(a), a)))(x);
    close(
      g,
      [1, 2, 3].map((v) => Math.sin(v) + v * Math.cos(v)),
    );
  });

  test('the same tensor passed twice is two variables', () => {
    const x = tensor([2, 3]);
    const [ga, gb] = grad((a: Tensor, b: Tensor) => sum(mul(a, b)), [0, 1])(x, x) as Tensor[];
    close(ga, [2, 3]);
    close(gb, [2, 3]);
  });

  test('nested parameter objects keep their structure', () => {
    const params = {
      layer: {
        w: tensor([
          [1, 2],
          [3, 4],
        ]),
        b: tensor([1, -1]),
      },
      scale: [tensor(2)],
    };
    const x = tensor([[1, 1]]);
    const g = grad((p: typeof params) => sum(mul(relu(add(matmul(x, p.layer.w), p.layer.b)), p.scale[0])))(
      params,
    );
    close(g.layer.w, [2, 2, 2, 2]);
    close(g.layer.b, [2, 2]);
    close(g.scale[0], [10]);
  });

  test('second and third derivatives of exp(sin(x))', () => {
    const f = (a: Tensor) => sum(exp(sin(a)));
    const x = tensor([0.3, -1.2]);
    const d2 = grad((a: Tensor) => sum(grad(f)(a)))(x);
    const expected2 = [0.3, -1.2].map((v) => Math.exp(Math.sin(v)) * (Math.cos(v) ** 2 - Math.sin(v)));
    close(d2, expected2, 4);
    const d3 = grad((a: Tensor) => sum(grad((b: Tensor) => sum(grad(f)(b)))(a)))(x);
    const expected3 = [0.3, -1.2].map((v) => {
      const s = Math.sin(v);
      const c = Math.cos(v);
      return Math.exp(s) * (c ** 3 - 3 * s * c - c);
    });
    close(d3, expected3, 3);
  });

  test('stopGradient blocks the gradient', () => {
    const x = tensor([1, 2]);
    close(grad((a: Tensor) => sum(mul(a, stopGradient(a))))(x), [1, 2]);
  });

  test('valueAndGrad and vjp', () => {
    const x = tensor([1, 2, 3]);
    const { value, grads } = valueAndGrad((a: Tensor) => sum(mul(a, a)))(x);
    close(value, [14]);
    close(grads, [2, 4, 6]);
    const out = vjp((a: Tensor) => mul(a, a), [x], tensor([1, 0, -1]));
    close(out.value, [1, 4, 9]);
    close(out.grads[0], [2, 0, -6]);
  });

  test('valueAndGradWithAux returns aux undifferentiated, as its own tensors, and leaks nothing', () => {
    const x = tensor([1, 2, 3]);
    const before = memory().numTensors;
    const f = valueAndGradWithAux((a: Tensor) => {
      const sq = mul(a, a);
      return [sum(sq), { squares: sq, first: a, count: tensor(3, [], 'int32') }] as const;
    });
    const { value, aux, grads } = f(x);
    close(value, [14]);
    close(grads, [2, 4, 6]);
    close(aux.squares, [1, 4, 9]);
    expect(aux.count.dtype).toBe('int32');
    // An argument returned in aux comes back as a handle of its own: disposing it leaves x alive.
    expect(aux.first).not.toBe(x);
    aux.first.dispose();
    close(x, [1, 2, 3]);
    dispose([value, grads, aux.squares, aux.count]);
    expect(memory().numTensors).toBe(before);
    // argnums, and a bad return
    const two = valueAndGradWithAux((a: Tensor, b: Tensor) => [sum(mul(a, b)), b] as const, [0, 1]);
    const r = two(x, tensor([1, 1, 1]));
    close(r.grads[0] as Tensor, [1, 1, 1]);
    close(r.aux, [1, 1, 1]);
    // A non-differentiated argument, and a closed-over tensor, come back as new handles too.
    const outside = tensor([7]);
    const y = tensor([1, 2, 3]);
    const partial = valueAndGradWithAux(
      (a: Tensor, b: Tensor) => [sum(mul(a, b)), { b, outside }] as const,
      [0],
    );
    const p = partial(x, y);
    expect(p.aux.b).not.toBe(y);
    expect(p.aux.outside).not.toBe(outside);
    dispose(p.aux);
    close(y, [1, 2, 3]);
    close(outside, [7]);
    const bad = valueAndGradWithAux((a: Tensor) => sum(a) as unknown as readonly [Tensor, Tensor]);
    expect(() => bad(x)).toThrow(/must return \[value, aux\]/);
  });

  test('customGrad uses the given gradient', () => {
    const clipped = customGrad((x: Tensor) => ({
      value: mul(x, 1),
      gradFunc: (dy: Tensor) => [mul(dy, 10)],
    }));
    close(grad((a: Tensor) => sum(clipped(a)))(tensor([1, 2])), [10, 10]);
  });

  test('grad leaves no tensors behind', () => {
    const x = tensor([1, 2, 3]);
    const before = memory().numTensors;
    const g = grad((a: Tensor) => sum(exp(mul(a, a))))(x);
    expect(memory().numTensors).toBe(before + 1);
    g.dispose();
    tidy(() => {
      grad((a: Tensor) => sum(grad((b: Tensor) => sum(exp(b)))(a)))(x);
    });
    expect(memory().numTensors).toBe(before);
  });

  test('grad rejects non-scalar outputs and int inputs with typed errors', () => {
    expect(() => grad((a: Tensor) => mul(a, 2))(tensor([1, 2]))).toThrow(/float scalar/);
    expect(() => grad((a: Tensor) => sum(a))(tensor([1, 2], [2], 'int32'))).toThrow(/only float tensors/);
  });
});
