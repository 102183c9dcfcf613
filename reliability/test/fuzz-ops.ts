// Generators for the differential fuzzer: per op family, random shapes (ranks 0-4, up to 33 per dimension),
// broadcasts, attributes and value distributions, and how to call the op through @libml/core's public API.
// Values come from a seeded PRNG (the case's `seed`), so a shrunk case prints as shapes + attributes + seed.

import * as core from '@libml/core';
import { type Tensor, tensor } from '@libml/core';
import fc from 'fast-check';

export type Kind = 'uniform' | 'away' | 'positive' | 'near1' | 'int' | 'bool' | 'index';
export interface InSpec {
  readonly shape: readonly number[];
  readonly kind: Kind;
  /** For 'int' and 'index': values in [0, high) ('int': [-high, high)). */
  readonly high?: number;
}
export type Attrs = Record<string, unknown>;
export interface Case {
  readonly inputs: readonly InSpec[];
  readonly attrs: Attrs;
}
export type Tolerance = 'exact' | 'elementwise' | 'reduction';
export interface FuzzOp {
  readonly op: string;
  readonly tolerance: Tolerance;
  /** Reduction length of the forward pass (for 'reduction'). */
  readonly length?: (c: Case) => number;
  /** Differentiable inputs (float inputs the op has a gradient for); empty: forward only. */
  readonly diff: readonly number[];
  readonly arb: fc.Arbitrary<Case>;
  run(xs: readonly Tensor[], attrs: Attrs): Tensor | readonly Tensor[];
}

export const MAX_DIM = 33;
const MAX_ELEMS = 2048;
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Shrinks the largest dimension until the shape holds at most `max` elements (keeps shrinking natural). */
function cap(shape: number[], max = MAX_ELEMS): number[] {
  const s = shape.slice();
  while (size(s) > max) {
    let k = 0;
    for (let i = 1; i < s.length; i++) if (s[i] > s[k]) k = i;
    s[k] = Math.max(1, Math.floor(s[k] / 2));
  }
  return s;
}

const dim = (max = MAX_DIM) => fc.integer({ min: 1, max });
export const shapeArb = (minRank = 0, maxRank = 4, max = MAX_ELEMS) =>
  fc.array(dim(), { minLength: minRank, maxLength: maxRank }).map((s) => cap(s, max));

/** Two or three shapes that broadcast together: a base shape, each input dropping leading axes or keeping 1s. */
function broadcastShapes(n: number, minRank = 0) {
  return fc
    .record({
      base: shapeArb(minRank, 4, 1024),
      drops: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
      masks: fc.array(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), { minLength: n, maxLength: n }),
    })
    .map(({ base, drops, masks }) =>
      drops.map((d, i) => base.slice(Math.min(d, base.length)).map((x, j) => (masks[i][j] ? 1 : x))),
    );
}

const one = (shape: readonly number[], kind: Kind = 'uniform', high?: number): InSpec => ({
  shape,
  kind,
  high,
});

// --- elementwise -----------------------------------------------------------------------------------------

function unary(
  op: string,
  f: (x: Tensor, a: Attrs) => Tensor,
  kind: Kind = 'uniform',
  attrs: fc.Arbitrary<Attrs> = fc.constant({}),
): FuzzOp {
  return {
    op,
    tolerance: 'elementwise',
    diff: [0],
    arb: fc
      .record({ shape: shapeArb(), attrs })
      .map(({ shape, attrs }) => ({ inputs: [one(shape, kind)], attrs })),
    run: ([x], a) => f(x, a),
  };
}

function binary(
  op: string,
  f: (a: Tensor, b: Tensor) => Tensor,
  kinds: [Kind, Kind],
  tol: Tolerance = 'elementwise',
): FuzzOp {
  const exact = tol === 'exact';
  return {
    op,
    tolerance: tol,
    diff: exact ? [] : [0, 1],
    arb: broadcastShapes(2).map(([a, b]) => ({
      inputs: [one(a, kinds[0], 4), one(b, kinds[1], 4)],
      attrs: {},
    })),
    run: ([a, b]) => f(a, b),
  };
}

const ELEMENTWISE: FuzzOp[] = [
  unary('abs', core.abs, 'away'),
  unary('neg', core.neg),
  unary('square', core.square),
  unary('relu', core.relu, 'away'),
  unary('exp', core.exp),
  unary('log', core.log, 'positive'),
  unary('sqrt', core.sqrt, 'positive'),
  unary('sin', core.sin),
  unary('cos', core.cos),
  unary('tanh', core.tanh),
  unary('sigmoid', core.sigmoid),
  unary('erf', core.erf),
  unary(
    'elu',
    (x, a) => core.elu(x, a.alpha as number),
    'away',
    fc.record({ alpha: fc.constantFrom(0.5, 1, 1.7) }),
  ),
  unary(
    'leakyRelu',
    (x, a) => core.leakyRelu(x, a.alpha as number),
    'away',
    fc.record({ alpha: fc.constantFrom(0.01, 0.2, -0.3) }),
  ),
  unary(
    'gelu',
    (x, a) => core.gelu(x, { approximate: a.approximate as 'none' | 'tanh' }),
    'uniform',
    fc.record({ approximate: fc.constantFrom('none', 'tanh') }),
  ),
  unary(
    'clip',
    (x, a) => core.clip(x, a.lo as number, a.hi as number),
    'uniform',
    fc.record({ lo: fc.constantFrom(-1.05, -0.55), hi: fc.constantFrom(0.45, 1.35) }),
  ),
  binary('add', core.add, ['uniform', 'uniform']),
  binary('sub', core.sub, ['uniform', 'uniform']),
  binary('mul', core.mul, ['uniform', 'uniform']),
  binary('div', core.div, ['uniform', 'away']),
  binary('pow', core.pow, ['positive', 'uniform']),
  binary('maximum', core.maximum, ['uniform', 'uniform']),
  binary('minimum', core.minimum, ['uniform', 'uniform']),
  binary('equal', core.equal, ['int', 'int'], 'exact'),
  binary('notEqual', core.notEqual, ['int', 'int'], 'exact'),
  binary('greater', core.greater, ['int', 'int'], 'exact'),
  binary('greaterEqual', core.greaterEqual, ['uniform', 'int'], 'exact'),
  binary('less', core.less, ['int', 'uniform'], 'exact'),
  binary('lessEqual', core.lessEqual, ['int', 'int'], 'exact'),
  binary('logicalAnd', core.logicalAnd, ['bool', 'bool'], 'exact'),
  binary('logicalOr', core.logicalOr, ['bool', 'bool'], 'exact'),
  { ...unary('logicalNot', core.logicalNot, 'bool'), tolerance: 'exact', diff: [] },
  {
    op: 'where',
    tolerance: 'elementwise',
    diff: [1, 2],
    arb: broadcastShapes(3).map(([c, a, b]) => ({ inputs: [one(c, 'bool'), one(a), one(b)], attrs: {} })),
    run: ([c, a, b]) => core.where(c, a, b),
  },
  {
    op: 'cast',
    tolerance: 'exact',
    diff: [],
    arb: fc
      .record({
        shape: shapeArb(),
        to: fc.constantFrom('int32', 'bool', 'float32'),
        from: fc.constantFrom<Kind>('uniform', 'int', 'bool'),
      })
      .map(({ shape, to, from }) => ({ inputs: [one(shape, from, 5)], attrs: { to } })),
    run: ([x], a) => core.cast(x, a.to as core.DType),
  },
];

// --- reductions and axis ops -------------------------------------------------------------------------------

/** A shape (rank 1-4) and a subset of its axes, some given negative. */
const withAxes = fc
  .record({
    shape: shapeArb(1, 4),
    pick: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    neg: fc.boolean(),
    keepDims: fc.boolean(),
    all: fc.boolean(),
  })
  .map(({ shape, pick, neg, keepDims, all }) => {
    const axes = all
      ? undefined
      : shape
          .map((_, i) => i)
          .filter((i) => pick[i])
          .map((i) => (neg ? i - shape.length : i));
    return { shape, axes, keepDims };
  });

function reduction(
  op: string,
  f: (x: Tensor, axes: number[] | undefined, keep: boolean) => Tensor,
  kind: Kind = 'uniform',
): FuzzOp {
  return {
    op,
    tolerance: 'reduction',
    length: (c) => size(c.inputs[0].shape),
    diff: [0],
    arb: withAxes.map(({ shape, axes, keepDims }) => ({
      inputs: [one(shape, kind)],
      attrs: { axes, keepDims },
    })),
    run: ([x], a) => f(x, a.axes as number[] | undefined, a.keepDims as boolean),
  };
}

const withAxis = fc
  .record({ shape: shapeArb(1, 4), k: fc.nat(), neg: fc.boolean() })
  .map(({ shape, k, neg }) => {
    const axis = k % shape.length;
    return { shape, axis: neg ? axis - shape.length : axis };
  });

function axisOp(op: string, f: (x: Tensor, axis: number) => Tensor, tol: Tolerance, diff: number[]): FuzzOp {
  return {
    op,
    tolerance: tol,
    length: (c) => Math.max(...c.inputs[0].shape, 1),
    diff,
    arb: withAxis.map(({ shape, axis }) => ({ inputs: [one(shape)], attrs: { axis } })),
    run: ([x], a) => f(x, a.axis as number),
  };
}

const REDUCTIONS: FuzzOp[] = [
  reduction('sum', core.sum),
  reduction('reduceMean', core.reduceMean),
  reduction('max', core.max),
  reduction('min', core.min),
  reduction('prod', (x, a, k) => core.prod(x, a, k), 'near1'),
  axisOp('argMax', core.argMax, 'exact', []),
  axisOp('argMin', core.argMin, 'exact', []),
  axisOp('softmax', core.softmax, 'reduction', [0]),
  axisOp('logSoftmax', core.logSoftmax, 'reduction', [0]),
];

// --- movement --------------------------------------------------------------------------------------------

const permArb = (rank: number) =>
  fc.array(fc.nat(), { minLength: rank, maxLength: rank }).map((keys) =>
    keys
      .map((k, i) => [k, i] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([, i]) => i),
  );

const MOVEMENT: FuzzOp[] = [
  {
    op: 'transpose',
    tolerance: 'exact',
    diff: [0],
    arb: shapeArb().chain((shape) =>
      permArb(shape.length).map((perm) => ({ inputs: [one(shape)], attrs: { perm } })),
    ),
    run: ([x], a) => core.transpose(x, a.perm as number[]),
  },
  {
    op: 'reshape',
    tolerance: 'exact',
    diff: [0],
    arb: shapeArb().chain((shape) =>
      fc.record({ perm: permArb(shape.length), infer: fc.boolean() }).map(({ perm, infer }) => {
        const to = perm.map((i) => shape[i]);
        if (infer && to.length > 0) to[0] = -1;
        return { inputs: [one(shape)], attrs: { to } };
      }),
    ),
    run: ([x], a) => core.reshape(x, a.to as number[]),
  },
  {
    op: 'expandDims',
    tolerance: 'exact',
    diff: [0],
    arb: fc.record({ shape: shapeArb(0, 3), k: fc.nat() }).map(({ shape, k }) => ({
      inputs: [one(shape)],
      attrs: { axis: (k % (shape.length + 1)) - (k % 2 ? shape.length + 1 : 0) },
    })),
    run: ([x], a) => core.expandDims(x, a.axis as number),
  },
  {
    op: 'squeeze',
    tolerance: 'exact',
    diff: [0],
    arb: fc
      .record({
        shape: shapeArb(0, 4),
        ones: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        all: fc.boolean(),
      })
      .map(({ shape, ones, all }) => {
        const s = shape.map((d, i) => (ones[i] ? 1 : d));
        const axes = s.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0);
        return { inputs: [one(s)], attrs: { axes: all ? undefined : axes } };
      }),
    run: ([x], a) => core.squeeze(x, a.axes as number[] | undefined),
  },
  {
    op: 'broadcastTo',
    tolerance: 'exact',
    diff: [0],
    arb: broadcastShapes(1)
      .chain(([s]) =>
        fc
          .record({
            lead: fc.array(dim(4), { maxLength: 4 - s.length }),
            grow: fc.array(dim(5), { minLength: 4, maxLength: 4 }),
          })
          .map(({ lead, grow }) => ({
            inputs: [one(s)],
            attrs: { to: cap([...lead, ...s.map((d, i) => (d === 1 ? grow[i] : d))], 4096) },
          })),
      )
      .filter((c) =>
        (c.attrs.to as number[])
          .slice(-c.inputs[0].shape.length)
          .every((d, i) => c.inputs[0].shape[i] === 1 || d === c.inputs[0].shape[i]),
      ),
    run: ([x], a) => core.broadcastTo(x, a.to as number[]),
  },
  {
    op: 'slice',
    tolerance: 'exact',
    diff: [0],
    arb: shapeArb(1).chain((shape) =>
      fc
        .array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), {
          minLength: shape.length,
          maxLength: shape.length,
        })
        .map((r) => {
          const begin = shape.map((d, i) => r[i][0] % d);
          const sz = shape.map((d, i) => (r[i][2] ? -1 : 1 + (r[i][1] % (d - begin[i]))));
          return { inputs: [one(shape)], attrs: { begin, size: sz } };
        }),
    ),
    run: ([x], a) => core.slice(x, a.begin as number[], a.size as number[]),
  },
  {
    op: 'pad',
    tolerance: 'exact',
    diff: [0],
    arb: shapeArb(0, 4, 1024).chain((shape) =>
      fc
        .record({
          p: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), {
            minLength: shape.length,
            maxLength: shape.length,
          }),
          value: fc.constantFrom(0, -1.5, 2),
        })
        .map(({ p, value }) => ({ inputs: [one(shape)], attrs: { p, value } })),
    ),
    run: ([x], a) => core.pad(x, a.p as [number, number][], a.value as number),
  },
  {
    op: 'concat',
    tolerance: 'exact',
    diff: [0, 1, 2],
    arb: fc
      .record({
        base: shapeArb(1, 4, 1024),
        k: fc.nat(),
        sizes: fc.array(dim(), { minLength: 3, maxLength: 3 }),
      })
      .map(({ base, k, sizes }) => {
        const axis = k % base.length;
        return { inputs: sizes.map((d) => one(base.map((b, i) => (i === axis ? d : b)))), attrs: { axis } };
      }),
    run: (xs, a) => core.concat(xs, a.axis as number),
  },
  {
    op: 'stack',
    tolerance: 'exact',
    diff: [0, 1],
    arb: fc
      .record({ base: shapeArb(0, 3), k: fc.nat() })
      .map(({ base, k }) => ({ inputs: [one(base), one(base)], attrs: { axis: k % (base.length + 1) } })),
    run: (xs, a) => core.stack(xs, a.axis as number),
  },
  {
    op: 'split',
    tolerance: 'exact',
    diff: [0],
    arb: withAxis.chain(({ shape, axis }) =>
      fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).map((cuts) => {
        const d = shape[axis < 0 ? axis + shape.length : axis];
        const points = [...new Set(cuts.map((c) => c % (d + 1)))].sort((x, y) => x - y);
        const sizes = [...points, d].map((p, i, all) => p - (i === 0 ? 0 : all[i - 1]));
        return { inputs: [one(shape)], attrs: { axis, sizes } };
      }),
    ),
    run: ([x], a) => core.split(x, a.sizes as number[], a.axis as number),
  },
  {
    op: 'gather',
    tolerance: 'reduction',
    length: (c) => c.inputs[1].shape.reduce((a, b) => a * b, 1),
    diff: [0],
    arb: withAxis.chain(({ shape, axis }) =>
      shapeArb(0, 2, 64).map((ishape) => ({
        inputs: [one(shape), one(ishape, 'index', shape[axis < 0 ? axis + shape.length : axis])],
        attrs: { axis },
      })),
    ),
    run: ([x, i], a) => core.gather(x, i, a.axis as number),
  },
  {
    op: 'oneHot',
    tolerance: 'exact',
    diff: [],
    arb: fc
      .record({ shape: shapeArb(0, 3, 256), depth: dim() })
      .map(({ shape, depth }) => ({ inputs: [one(shape, 'index', depth)], attrs: { depth } })),
    run: ([i], a) => core.oneHot(i, a.depth as number),
  },
];

// --- matmul, convolution, pooling, normalisation, losses ----------------------------------------------------

const MATMUL: FuzzOp = {
  op: 'matmul',
  tolerance: 'reduction',
  length: (c) => c.attrs.k as number,
  diff: [0, 1],
  arb: fc
    .record({
      m: dim(),
      k: dim(),
      n: dim(),
      batch: fc
        .record({
          base: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
          drops: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 2 }),
          masks: fc.array(fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), {
            minLength: 2,
            maxLength: 2,
          }),
        })
        .map(({ base, drops, masks }) =>
          drops.map((d, i) => base.slice(Math.min(d, base.length)).map((x, j) => (masks[i][j] ? 1 : x))),
        ),
      ta: fc.boolean(),
      tb: fc.boolean(),
      vecA: fc.boolean(),
      vecB: fc.boolean(),
    })
    .map(({ m, k, n, batch, ta, tb, vecA, vecB }) => {
      const a = vecA ? [k] : [...batch[0], ...(ta ? [k, m] : [m, k])];
      const b = vecB ? [k] : [...batch[1], ...(tb ? [n, k] : [k, n])];
      return { inputs: [one(a), one(b)], attrs: { k, transposeA: !vecA && ta, transposeB: !vecB && tb } };
    }),
  run: ([a, b], o) =>
    core.matmul(a, b, { transposeA: o.transposeA as boolean, transposeB: o.transposeB as boolean }),
};

const convGeom = fc.record({
  n: fc.integer({ min: 1, max: 2 }),
  g: fc.integer({ min: 1, max: 3 }),
  cg: fc.integer({ min: 1, max: 3 }),
  og: fc.integer({ min: 1, max: 3 }),
  h: fc.integer({ min: 1, max: MAX_DIM }),
  w: fc.integer({ min: 1, max: 17 }),
  kh: fc.integer({ min: 1, max: 5 }),
  kw: fc.integer({ min: 1, max: 4 }),
  sh: fc.integer({ min: 1, max: 3 }),
  sw: fc.integer({ min: 1, max: 2 }),
  dh: fc.integer({ min: 1, max: 2 }),
  dw: fc.integer({ min: 1, max: 2 }),
  pad: fc.oneof(
    fc.constant<'valid' | 'same'>('valid'),
    fc.constant<'valid' | 'same'>('same'),
    fc.tuple(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 2 }),
    ),
  ),
  nhwc: fc.boolean(),
  bias: fc.boolean(),
});

const CONV: FuzzOp = {
  op: 'conv2d',
  tolerance: 'reduction',
  length: (c) => (c.attrs.cg as number) * (c.attrs.kh as number) * (c.attrs.kw as number) + 1,
  diff: [0, 1, 2],
  arb: convGeom.map((g) => {
    const pads = typeof g.pad === 'string' ? [0, 0, 0, 0] : g.pad;
    const ekh = g.dh * (g.kh - 1) + 1;
    const ekw = g.dw * (g.kw - 1) + 1;
    // 'same' pads as needed; otherwise make the input at least as large as the dilated kernel.
    const h = g.pad === 'same' ? g.h : Math.max(g.h, ekh - pads[0] - pads[1]);
    const w = g.pad === 'same' ? g.w : Math.max(g.w, ekw - pads[2] - pads[3]);
    const c = g.g * g.cg;
    const o = g.g * g.og;
    const x = g.nhwc ? [g.n, h, w, c] : [g.n, c, h, w];
    const f = g.nhwc ? [g.kh, g.kw, g.cg, o] : [o, g.cg, g.kh, g.kw];
    const padding =
      typeof g.pad === 'string'
        ? g.pad
        : [
            [pads[0], pads[1]],
            [pads[2], pads[3]],
          ];
    const inputs = [one(x), one(f), ...(g.bias ? [one([o])] : [])];
    return {
      inputs,
      attrs: {
        strides: [g.sh, g.sw],
        dilations: [g.dh, g.dw],
        padding,
        groups: g.g,
        dataFormat: g.nhwc ? 'NHWC' : 'NCHW',
        cg: g.cg,
        kh: g.kh,
        kw: g.kw,
      },
    };
  }),
  run: ([x, w, b], a) =>
    core.conv2d(x, w, {
      strides: a.strides as [number, number],
      dilations: a.dilations as [number, number],
      padding: a.padding as core.Padding,
      groups: a.groups as number,
      dataFormat: a.dataFormat as core.Layout,
      bias: b,
    }),
};

const CONV_T: FuzzOp = {
  op: 'conv2dTranspose',
  tolerance: 'reduction',
  length: (c) => (c.attrs.og as number) * (c.attrs.kh as number) * (c.attrs.kw as number),
  diff: [0, 1],
  arb: convGeom
    .chain((g) => fc.record({ oph: fc.nat(), opw: fc.nat() }).map((op) => ({ g, op })))
    .map(({ g, op }) => {
      const pads = typeof g.pad === 'string' ? [0, 0, 0, 0] : g.pad;
      const h = Math.min(g.h, 12);
      const w = Math.min(g.w, 12);
      const c = g.g * g.cg;
      const outputPadding = [op.oph % Math.max(g.sh, g.dh), op.opw % Math.max(g.sw, g.dw)];
      const oh = (h - 1) * g.sh - pads[0] - pads[1] + g.dh * (g.kh - 1) + outputPadding[0] + 1;
      const ow = (w - 1) * g.sw - pads[2] - pads[3] + g.dw * (g.kw - 1) + outputPadding[1] + 1;
      // Keep the output non-empty: drop the pads when they would eat it.
      const padding =
        oh >= 1 && ow >= 1
          ? [
              [pads[0], pads[1]],
              [pads[2], pads[3]],
            ]
          : 0;
      const x = g.nhwc ? [g.n, h, w, c] : [g.n, c, h, w];
      const f = g.nhwc ? [g.kh, g.kw, g.og, c] : [c, g.og, g.kh, g.kw];
      return {
        inputs: [one(x), one(f)],
        attrs: {
          strides: [g.sh, g.sw],
          dilations: [g.dh, g.dw],
          padding,
          outputPadding,
          groups: g.g,
          dataFormat: g.nhwc ? 'NHWC' : 'NCHW',
          og: g.og * g.g,
          kh: g.kh,
          kw: g.kw,
        },
      };
    }),
  run: ([x, w], a) =>
    core.conv2dTranspose(x, w, {
      strides: a.strides as [number, number],
      dilations: a.dilations as [number, number],
      padding: a.padding as [[number, number], [number, number]],
      outputPadding: a.outputPadding as [number, number],
      groups: a.groups as number,
      dataFormat: a.dataFormat as core.Layout,
    }),
};

function pool(op: 'maxPool2d' | 'avgPool2d'): FuzzOp {
  return {
    op,
    tolerance: op === 'maxPool2d' ? 'exact' : 'reduction',
    length: (c) => (c.attrs.kernelSize as number[])[0] * (c.attrs.kernelSize as number[])[1],
    diff: [0],
    arb: fc
      .record({
        n: fc.integer({ min: 1, max: 2 }),
        c: fc.integer({ min: 1, max: 4 }),
        h: fc.integer({ min: 1, max: MAX_DIM }),
        w: fc.integer({ min: 1, max: 17 }),
        kh: fc.integer({ min: 1, max: 4 }),
        kw: fc.integer({ min: 1, max: 3 }),
        sh: fc.integer({ min: 1, max: 3 }),
        sw: fc.integer({ min: 1, max: 3 }),
        dil: fc.integer({ min: 1, max: op === 'maxPool2d' ? 2 : 1 }),
        ph: fc.nat(),
        pw: fc.nat(),
        ceilMode: fc.boolean(),
        countIncludePad: fc.boolean(),
        nhwc: fc.boolean(),
      })
      .map((g) => {
        const ekh = g.dil * (g.kh - 1) + 1;
        const ekw = g.dil * (g.kw - 1) + 1;
        const ph = g.ph % (Math.floor(ekh / 2) + 1);
        const pw = g.pw % (Math.floor(ekw / 2) + 1);
        const h = Math.max(g.h, ekh - 2 * ph);
        const w = Math.max(g.w, ekw - 2 * pw);
        const attrs: Attrs = {
          kernelSize: [g.kh, g.kw],
          strides: [g.sh, g.sw],
          padding: [ph, pw],
          ceilMode: g.ceilMode,
          dataFormat: g.nhwc ? 'NHWC' : 'NCHW',
          ...(op === 'maxPool2d' ? { dilations: [g.dil, g.dil] } : { countIncludePad: g.countIncludePad }),
        };
        return { inputs: [one(g.nhwc ? [g.n, h, w, g.c] : [g.n, g.c, h, w])], attrs };
      }),
    run: ([x], a) =>
      op === 'maxPool2d'
        ? core.maxPool2d(x, a as unknown as core.MaxPool2dOptions)
        : core.avgPool2d(x, a as unknown as core.AvgPool2dOptions),
  };
}

const NN: FuzzOp[] = [
  MATMUL,
  CONV,
  CONV_T,
  pool('maxPool2d'),
  pool('avgPool2d'),
  {
    op: 'batchNorm',
    tolerance: 'reduction',
    length: (c) => size(c.inputs[0].shape),
    diff: [0, 1, 2],
    arb: fc
      .record({
        shape: shapeArb(2, 4, 1024).filter((s) => s[0] * s.slice(2).reduce((a, b) => a * b, 1) > 1),
        nhwc: fc.boolean(),
      })
      .map(({ shape, nhwc }) => {
        const c = nhwc && shape.length === 4 ? shape[3] : shape[1];
        return {
          inputs: [one(shape), one([c], 'positive'), one([c])],
          attrs: { dataFormat: nhwc && shape.length === 4 ? 'NHWC' : 'NCHW' },
        };
      }),
    run: ([x, g, b], a) =>
      core.batchNorm(x, { training: true, scale: g, offset: b, dataFormat: a.dataFormat as core.Layout }).y,
  },
  {
    op: 'meanSquaredError',
    tolerance: 'reduction',
    length: (c) => size(c.inputs[0].shape),
    diff: [0, 1],
    arb: fc
      .record({ shape: shapeArb(), reduction: fc.constantFrom('mean', 'sum', 'none') })
      .map(({ shape, reduction }) => ({ inputs: [one(shape), one(shape)], attrs: { reduction } })),
    run: ([p, t], a) => core.meanSquaredError(p, t, a.reduction as 'mean'),
  },
  {
    op: 'softmaxCrossEntropy',
    tolerance: 'reduction',
    length: (c) => size(c.inputs[0].shape),
    diff: [0],
    arb: fc
      .record({
        shape: shapeArb(1, 3, 1024),
        reduction: fc.constantFrom('mean', 'sum', 'none'),
        intLabels: fc.boolean(),
      })
      .map(({ shape, reduction, intLabels }) => ({
        inputs: [
          one(shape),
          intLabels ? one(shape.slice(0, -1), 'index', shape[shape.length - 1]) : one(shape, 'positive'),
        ],
        attrs: { reduction },
      })),
    run: ([z, y], a) => core.softmaxCrossEntropy(z, y, { reduction: a.reduction as 'mean' }),
  },
];

export const FUZZ_OPS: readonly FuzzOp[] = [...ELEMENTWISE, ...REDUCTIONS, ...MOVEMENT, ...NN];

// --- values ----------------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The inputs of a case as tensors on the current backend. */
export function materialize(c: Case, seed: number): Tensor[] {
  const rand = mulberry32(seed);
  return c.inputs.map((s) => {
    const n = size(s.shape);
    const high = s.high ?? 4;
    switch (s.kind) {
      case 'bool':
        return tensor(
          Array.from({ length: n }, () => rand() < 0.5),
          s.shape,
          'bool',
        );
      case 'int':
        return tensor(
          Array.from({ length: n }, () => Math.floor(rand() * 2 * high) - high),
          s.shape,
          'int32',
        );
      case 'index':
        return tensor(
          Array.from({ length: n }, () => Math.floor(rand() * high)),
          s.shape,
          'int32',
        );
      default: {
        const v = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          const r = rand();
          if (s.kind === 'uniform') v[i] = 4 * r - 2;
          else if (s.kind === 'positive') v[i] = 0.5 + 1.5 * r;
          else if (s.kind === 'near1') v[i] = (0.8 + 0.45 * r) * (rand() < 0.5 ? -1 : 1);
          else v[i] = (0.25 + 1.75 * r) * (rand() < 0.5 ? -1 : 1);
        }
        return tensor(v, s.shape, 'float32');
      }
    }
  });
}

/** Cotangent weights for each output, seeded. */
export function cotangents(shapes: readonly (readonly number[])[], seed: number): Tensor[] {
  const rand = mulberry32(seed ^ 0x9e3779b9);
  return shapes.map((s) =>
    tensor(
      Float32Array.from({ length: size(s) }, () => 2 * rand() - 1),
      s,
      'float32',
    ),
  );
}
