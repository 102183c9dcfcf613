import { describe, expect, it } from 'vitest';
import {
  broadcastIndex,
  dot,
  randomInt,
  randomTensor,
  ravel,
  rng,
  run1,
  tensor,
  unravel,
} from './support/harness.js';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

describe('transpose', () => {
  it('matches index permutation for random perms, including tiled matrix swaps', () => {
    const random = rng(10);
    const shapes = [[5], [37, 45], [3, 33, 70], [2, 3, 4, 5], [4, 1, 5, 2, 3], [2, 65, 1, 40]];
    for (const shape of shapes) {
      for (let trial = 0; trial < 8; trial++) {
        const perm = shuffle(
          random,
          shape.map((_, i) => i),
        );
        for (const dtype of ['float32', 'int32', 'bool'] as const) {
          const x = randomTensor(random, shape, dtype);
          const outShape = perm.map((p) => shape[p]);
          const expected = Array.from({ length: size(shape) }, (_, i) => {
            const outIndex = unravel(i, outShape);
            const inIndex = new Array<number>(shape.length);
            perm.forEach((p, d) => {
              inIndex[p] = outIndex[d];
            });
            return x.values[ravel(inIndex, shape)];
          });
          expect(Array.from(run1('transpose', { perm }, [x], { shape: outShape, dtype }))).toEqual(expected);
        }
      }
    }
  });
});

describe('broadcastTo', () => {
  it('repeats along broadcast dims', () => {
    const random = rng(11);
    for (const [inShape, outShape] of [
      [[], [3, 2]],
      [[1], [5]],
      [
        [3, 1],
        [2, 3, 40],
      ],
      [[4], [2, 3, 4]],
      [
        [2, 1, 3],
        [2, 5, 3],
      ],
      [
        [5, 3],
        [5, 3],
      ],
    ]) {
      const x = randomTensor(random, inShape, 'float64');
      const expected = Array.from(
        { length: size(outShape) },
        (_, i) => x.values[broadcastIndex(unravel(i, outShape), inShape)],
      );
      expect(
        Array.from(run1('broadcastTo', { shape: outShape }, [x], { shape: outShape, dtype: 'float64' })),
      ).toEqual(expected);
    }
  });
});

describe('slice and pad', () => {
  it('slice copies the requested block', () => {
    const random = rng(12);
    for (const shape of [[10], [6, 50], [4, 5, 6], [3, 1, 4, 40]]) {
      for (let trial = 0; trial < 5; trial++) {
        const begin = shape.map((d) => randomInt(random, 0, d - 1));
        const extent = shape.map((d, i) => randomInt(random, 0, d - begin[i]));
        const x = randomTensor(random, shape, 'float32');
        const expected = Array.from(
          { length: size(extent) },
          (_, i) =>
            x.values[
              ravel(
                unravel(i, extent).map((v, d) => v + begin[d]),
                shape,
              )
            ],
        );
        expect(
          Array.from(run1('slice', { begin, size: extent }, [x], { shape: extent, dtype: 'float32' })),
        ).toEqual(expected);
      }
    }
  });

  it('pad surrounds with the value, for each dtype', () => {
    const random = rng(13);
    for (const dtype of ['float64', 'int32', 'bool'] as const) {
      for (const shape of [[4], [3, 5], [2, 3, 40], [0, 2]]) {
        const paddings = shape.map(
          () => [randomInt(random, 0, 3), randomInt(random, 0, 3)] as [number, number],
        );
        const value = dtype === 'bool' ? 1 : 7;
        const outShape = shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
        const x = randomTensor(random, shape, dtype);
        const expected = Array.from({ length: size(outShape) }, (_, i) => {
          const index = unravel(i, outShape).map((v, d) => v - paddings[d][0]);
          return index.every((v, d) => v >= 0 && v < shape[d]) ? x.values[ravel(index, shape)] : value;
        });
        expect(Array.from(run1('pad', { paddings, value }, [x], { shape: outShape, dtype }))).toEqual(
          expected,
        );
      }
    }
  });
});

describe('concat', () => {
  it('joins along each axis', () => {
    const random = rng(14);
    const base = [3, 4, 5];
    for (let axis = 0; axis < base.length; axis++) {
      const shapes = [2, 0, 40, 1].map((extent) => base.map((d, i) => (i === axis ? extent : d)));
      const xs = shapes.map((s) => randomTensor(random, s, 'float64'));
      const outShape = base.map((d, i) => (i === axis ? shapes.reduce((a, s) => a + s[axis], 0) : d));
      const expected = Array.from({ length: size(outShape) }, (_, i) => {
        const index = unravel(i, outShape);
        let k = 0;
        while (index[axis] >= shapes[k][axis]) index[axis] -= shapes[k++][axis];
        return xs[k].values[ravel(index, shapes[k])];
      });
      expect(Array.from(run1('concat', { axis }, xs, { shape: outShape, dtype: 'float64' }))).toEqual(
        expected,
      );
    }
  });
});

describe('gather and scatterAdd', () => {
  it('gather picks slices with multi-dim and negative indices', () => {
    const random = rng(15);
    for (const [shape, indexShape] of [
      [[7], [4]],
      [
        [5, 40],
        [2, 3],
      ],
      [[3, 6, 4], [5]],
      [[2, 3, 4], []],
    ] as [number[], number[]][]) {
      for (let axis = 0; axis < shape.length; axis++) {
        const x = randomTensor(random, shape, 'float32');
        const indices = tensor(
          Array.from({ length: size(indexShape) }, () => randomInt(random, -shape[axis], shape[axis] - 1)),
          indexShape,
          'int32',
        );
        const outShape = [...shape.slice(0, axis), ...indexShape, ...shape.slice(axis + 1)];
        const expected = Array.from({ length: size(outShape) }, (_, i) => {
          const index = unravel(i, outShape);
          const picked = indices.values[ravel(index.slice(axis, axis + indexShape.length), indexShape)];
          const source = [
            ...index.slice(0, axis),
            picked < 0 ? picked + shape[axis] : picked,
            ...index.slice(axis + indexShape.length),
          ];
          return x.values[ravel(source, shape)];
        });
        expect(
          Array.from(run1('gather', { axis }, [x, indices], { shape: outShape, dtype: 'float32' })),
        ).toEqual(expected);
      }
    }
  });

  it('gather throws on out-of-range indices', () => {
    const x = tensor([1, 2, 3], [3]);
    const spec = { shape: [1], dtype: 'float64' as const };
    expect(() => run1('gather', { axis: 0 }, [x, tensor([3], [1], 'int32')], spec)).toThrow(/out of range/);
    expect(() => run1('gather', { axis: 0 }, [x, tensor([-4], [1], 'int32')], spec)).toThrow(/out of range/);
  });

  it('scatterAdd is the adjoint of gather (duplicates accumulate)', () => {
    const random = rng(16);
    for (const [shape, indexShape, axis] of [
      [[6], [9], 0],
      [[4, 5, 3], [2, 4], 1],
      [[3, 4], [7], 1],
      [[5, 2], [3], 0],
    ] as [number[], number[], number][]) {
      const x = randomTensor(random, shape, 'float64');
      const indices = tensor(
        Array.from({ length: size(indexShape) }, () => randomInt(random, -shape[axis], shape[axis] - 1)),
        indexShape,
        'int32',
      );
      const outShape = [...shape.slice(0, axis), ...indexShape, ...shape.slice(axis + 1)];
      const g = randomTensor(random, outShape, 'float64');
      const gathered = run1('gather', { axis }, [x, indices], { shape: outShape, dtype: 'float64' });
      const scattered = run1('scatterAdd', { axis, size: shape[axis] }, [g, indices], {
        shape,
        dtype: 'float64',
      });
      expect(dot(gathered, g.values)).toBeCloseTo(dot(x.values, scattered), 12);
    }
    const dy = tensor([1, 2, 3, 4], [4], 'float32');
    const idx = tensor([1, -1, 1, 0], [4], 'int32');
    expect(
      Array.from(run1('scatterAdd', { axis: 0, size: 3 }, [dy, idx], { shape: [3], dtype: 'float32' })),
    ).toEqual([4, 4, 2]);
  });
});
