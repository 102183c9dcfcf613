// The bad-input table: for every public op, inputs it must reject, the typed error class it must throw and
// what the message must name (the op, the argument, the shapes involved). Plus empty-tensor inputs where the
// math defines a result, with that result.

import * as core from '@libml/core';
import {
  AttributeError,
  DisposedTensorError,
  DTypeError,
  type LibmlError,
  ShapeError,
  type Tensor,
  TraceError,
  tensor,
} from '@libml/core';

type ErrorClass = new (...args: never[]) => LibmlError;

export interface ErrorCase {
  readonly op: string;
  readonly name: string;
  /** Builds the inputs on the current backend (may dispose some, for the disposed-tensor cases). */
  readonly inputs: () => Tensor[];
  readonly call: (xs: Tensor[]) => unknown;
  readonly error: ErrorClass;
  /** Substrings the message must contain besides `${op}:` (argument names, formatted shapes). */
  readonly mentions: readonly string[];
}

export interface EmptyCase {
  readonly op: string;
  readonly name: string;
  readonly inputs: () => Tensor[];
  readonly call: (xs: Tensor[]) => Tensor;
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A tensor of `shape` with small distinct values. */
export function mk(shape: readonly number[], dtype: 'float32' | 'int32' | 'bool' = 'float32'): Tensor {
  const n = size(shape);
  if (dtype === 'bool')
    return tensor(
      Array.from({ length: n }, (_, i) => i % 2 === 0),
      shape,
      'bool',
    );
  if (dtype === 'int32')
    return tensor(
      Array.from({ length: n }, (_, i) => i % 3),
      shape,
      'int32',
    );
  return tensor(
    Array.from({ length: n }, (_, i) => ((i * 7) % 11) / 4 - 1.3),
    shape,
    'float32',
  );
}

const s = (shape: readonly number[]) => `[${shape.join(', ')}]`;

// --- every op's call shape, for the generic rows (a disposed input; a value that is not a tensor) ----------

type Call = (xs: Tensor[]) => unknown;
interface Signature {
  readonly op: string;
  readonly shapes: readonly (readonly number[])[];
  readonly dtypes?: readonly ('float32' | 'int32' | 'bool')[];
  /** The argument names in order, as the op names them in errors. */
  readonly args: readonly string[];
  readonly call: Call;
}

const unary = (op: string, f: (x: Tensor) => unknown): Signature => ({
  op,
  shapes: [[2, 3]],
  args: ['x'],
  call: ([x]) => f(x),
});
const binary = (op: string, f: (a: Tensor, b: Tensor) => unknown, dtype?: 'bool'): Signature => ({
  op,
  shapes: [
    [2, 3],
    [2, 3],
  ],
  dtypes: dtype ? [dtype, dtype] : undefined,
  args: ['a', 'b'],
  call: ([a, b]) => f(a, b),
});

export const SIGNATURES: readonly Signature[] = [
  unary('abs', core.abs),
  unary('cos', core.cos),
  unary('erf', core.erf),
  unary('exp', core.exp),
  unary('log', core.log),
  unary('neg', core.neg),
  unary('relu', core.relu),
  unary('sigmoid', core.sigmoid),
  unary('sin', core.sin),
  unary('sqrt', core.sqrt),
  unary('square', core.square),
  unary('tanh', core.tanh),
  unary('elu', (x) => core.elu(x)),
  unary('gelu', (x) => core.gelu(x)),
  unary('leakyRelu', (x) => core.leakyRelu(x)),
  unary('softmax', (x) => core.softmax(x)),
  unary('logSoftmax', (x) => core.logSoftmax(x)),
  unary('argMax', (x) => core.argMax(x)),
  unary('argMin', (x) => core.argMin(x)),
  unary('sum', (x) => core.sum(x)),
  unary('prod', (x) => core.prod(x)),
  unary('max', (x) => core.max(x)),
  unary('min', (x) => core.min(x)),
  unary('reduceMean', (x) => core.reduceMean(x)),
  unary('transpose', (x) => core.transpose(x)),
  unary('reshape', (x) => core.reshape(x, [3, 2])),
  unary('expandDims', (x) => core.expandDims(x, 0)),
  unary('squeeze', (x) => core.squeeze(x)),
  unary('broadcastTo', (x) => core.broadcastTo(x, [4, 2, 3])),
  unary('slice', (x) => core.slice(x, [0, 0], [1, 2])),
  unary('pad', (x) =>
    core.pad(x, [
      [1, 1],
      [0, 0],
    ]),
  ),
  unary('split', (x) => core.split(x, 2, 0)),
  unary('cast', (x) => core.cast(x, 'int32')),
  unary('clip', (x) => core.clip(x, -1, 1)),
  unary('stopGradient', (x) => core.stopGradient(x)),
  { ...unary('logicalNot', core.logicalNot), dtypes: ['bool'] },
  binary('add', core.add),
  binary('sub', core.sub),
  binary('mul', core.mul),
  binary('div', core.div),
  binary('pow', core.pow),
  binary('maximum', core.maximum),
  binary('minimum', core.minimum),
  binary('equal', core.equal),
  binary('notEqual', core.notEqual),
  binary('greater', core.greater),
  binary('greaterEqual', core.greaterEqual),
  binary('less', core.less),
  binary('lessEqual', core.lessEqual),
  binary('logicalAnd', core.logicalAnd, 'bool'),
  binary('logicalOr', core.logicalOr, 'bool'),
  {
    op: 'matmul',
    shapes: [
      [2, 3],
      [3, 4],
    ],
    args: ['a', 'b'],
    call: ([a, b]) => core.matmul(a, b),
  },
  {
    op: 'concat',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    args: ['xs[0]', 'xs[1]'],
    call: (xs) => core.concat(xs, 0),
  },
  {
    op: 'stack',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    args: ['xs[0]', 'xs[1]'],
    call: (xs) => core.stack(xs, 0),
  },
  {
    op: 'where',
    shapes: [
      [2, 3],
      [2, 3],
      [2, 3],
    ],
    dtypes: ['bool', 'float32', 'float32'],
    args: ['condition', 'a', 'b'],
    call: ([c, a, b]) => core.where(c, a, b),
  },
  {
    op: 'gather',
    shapes: [[4, 3], [2]],
    dtypes: ['float32', 'int32'],
    args: ['x', 'indices'],
    call: ([x, i]) => core.gather(x, i, 0),
  },
  {
    op: 'oneHot',
    shapes: [[3]],
    dtypes: ['int32'],
    args: ['indices'],
    call: ([i]) => core.oneHot(i, 4),
  },
  {
    op: 'meanSquaredError',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    args: ['predictions', 'targets'],
    call: ([p, t]) => core.meanSquaredError(p, t),
  },
  {
    op: 'softmaxCrossEntropy',
    shapes: [[2, 3], [2]],
    dtypes: ['float32', 'int32'],
    args: ['logits', 'labels'],
    call: ([z, y]) => core.softmaxCrossEntropy(z, y),
  },
  {
    op: 'conv2d',
    shapes: [
      [1, 2, 5, 5],
      [3, 2, 3, 3],
    ],
    args: ['x', 'filter'],
    call: ([x, w]) => core.conv2d(x, w),
  },
  {
    op: 'conv2dTranspose',
    shapes: [
      [1, 2, 5, 5],
      [2, 3, 3, 3],
    ],
    args: ['x', 'filter'],
    call: ([x, w]) => core.conv2dTranspose(x, w),
  },
  {
    op: 'maxPool2d',
    shapes: [[1, 2, 4, 4]],
    args: ['x'],
    call: ([x]) => core.maxPool2d(x, { kernelSize: 2 }),
  },
  {
    op: 'avgPool2d',
    shapes: [[1, 2, 4, 4]],
    args: ['x'],
    call: ([x]) => core.avgPool2d(x, { kernelSize: 2 }),
  },
  {
    op: 'batchNorm',
    shapes: [[4, 3]],
    args: ['x'],
    call: ([x]) => core.batchNorm(x, { training: true }).y,
  },
];

/** One row per argument of every op: that argument disposed. */
function disposedRows(): ErrorCase[] {
  const rows: ErrorCase[] = [];
  for (const sig of SIGNATURES) {
    sig.args.forEach((arg, k) => {
      rows.push({
        op: sig.op,
        name: `disposed ${arg}`,
        inputs: () =>
          sig.shapes.map((shape, i) => {
            const t = mk(shape, sig.dtypes?.[i] ?? 'float32');
            if (i === k) t.dispose();
            return t;
          }),
        call: sig.call,
        error: DisposedTensorError,
        mentions: [`'${arg}'`, s(sig.shapes[k]), 'disposed'],
      });
    });
  }
  return rows;
}

/** One row per op: its first argument is a string, not a tensor. */
function notATensorRows(): ErrorCase[] {
  return SIGNATURES.map((sig) => ({
    op: sig.op,
    name: `${sig.args[0]} is a string`,
    inputs: () => sig.shapes.map((shape, i) => mk(shape, sig.dtypes?.[i] ?? 'float32')),
    call: (xs: Tensor[]) => sig.call(['oops' as unknown as Tensor, ...xs.slice(1)]),
    error: DTypeError,
    mentions: [`'${sig.args[0]}'`, 'string'],
  }));
}

// --- op-specific rows ----------------------------------------------------------------------------------------

const row = (
  op: string,
  name: string,
  shapes: readonly (readonly number[])[],
  call: Call,
  error: ErrorClass,
  mentions: readonly string[],
  dtypes?: readonly ('float32' | 'int32' | 'bool')[],
): ErrorCase => ({
  op,
  name,
  inputs: () => shapes.map((shape, i) => mk(shape, dtypes?.[i] ?? 'float32')),
  call,
  error,
  mentions,
});

const BROADCAST_OPS: readonly [string, (a: Tensor, b: Tensor) => unknown][] = [
  ['add', core.add],
  ['sub', core.sub],
  ['mul', core.mul],
  ['div', core.div],
  ['pow', core.pow],
  ['maximum', core.maximum],
  ['minimum', core.minimum],
  ['equal', core.equal],
  ['notEqual', core.notEqual],
  ['greater', core.greater],
  ['greaterEqual', core.greaterEqual],
  ['less', core.less],
  ['lessEqual', core.lessEqual],
  ['logicalAnd', core.logicalAnd],
  ['logicalOr', core.logicalOr],
  ['meanSquaredError', core.meanSquaredError],
];

function broadcastRows(): ErrorCase[] {
  const rows: ErrorCase[] = [];
  for (const [op, f] of BROADCAST_OPS) {
    const dt = op.startsWith('logical') ? 'bool' : 'float32';
    for (const [a, b] of [
      [
        [2, 3],
        [3, 2],
      ],
      [[4], [5]],
      [
        [2, 1, 3],
        [4, 2],
      ],
    ] as const) {
      rows.push(
        row(
          op,
          `broadcast ${s(a)} with ${s(b)}`,
          [a, b],
          ([x, y]) => f(x, y),
          ShapeError,
          [s(a), s(b)],
          [dt, dt],
        ),
      );
    }
  }
  return rows;
}

const AXIS_OPS: readonly [string, (x: Tensor, axis: number) => unknown, string][] = [
  ['sum', (x, a) => core.sum(x, a), 'axes'],
  ['prod', (x, a) => core.prod(x, a), 'axes'],
  ['max', (x, a) => core.max(x, a), 'axes'],
  ['min', (x, a) => core.min(x, a), 'axes'],
  ['reduceMean', (x, a) => core.reduceMean(x, a), 'axes'],
  ['argMax', (x, a) => core.argMax(x, a), 'axis'],
  ['argMin', (x, a) => core.argMin(x, a), 'axis'],
  ['softmax', (x, a) => core.softmax(x, a), 'axis'],
  ['logSoftmax', (x, a) => core.logSoftmax(x, a), 'axis'],
  ['concat', (x, a) => core.concat([x, x], a), 'axis'],
  ['stack', (x, a) => core.stack([x, x], a), 'axis'],
  ['split', (x, a) => core.split(x, 1, a), 'axis'],
  ['expandDims', (x, a) => core.expandDims(x, a), 'axis'],
  ['squeeze', (x, a) => core.squeeze(x, a), 'axes'],
];

function axisRows(): ErrorCase[] {
  const rows: ErrorCase[] = [];
  for (const [op, f, arg] of AXIS_OPS) {
    // Rank 2: axes 2 and -3 are out of range (stack and expandDims accept one more: 3 and -4 are out).
    const extra = op === 'stack' || op === 'expandDims' ? 1 : 0;
    for (const axis of [2 + extra, -3 - extra, 7]) {
      rows.push(
        row(op, `${arg} ${axis} on rank 2`, [[2, 3]], ([x]) => f(x, axis), AttributeError, [
          `'${arg}'`,
          String(axis),
        ]),
      );
    }
  }
  for (const axis of [2, -3, 7]) {
    rows.push(
      row(
        'gather',
        `axis ${axis} on rank 2`,
        [[2, 3], [1]],
        ([x, i]) => core.gather(x, i, axis),
        AttributeError,
        ["'axis'", String(axis)],
        ['float32', 'int32'],
      ),
    );
  }
  rows.push(
    row('sum', 'repeated axes', [[2, 3]], ([x]) => core.sum(x, [1, -1]), AttributeError, [
      "'axes'",
      'repeated',
    ]),
  );
  rows.push(
    row('reduceMean', 'repeated axes', [[2, 3]], ([x]) => core.reduceMean(x, [0, 0]), AttributeError, [
      "'axes'",
      'repeated',
    ]),
  );
  rows.push(row('max', 'fractional axis', [[2, 3]], ([x]) => core.max(x, 0.5), AttributeError, ["'axes'"]));
  return rows;
}

const C = [1, 2, 5, 5] as const; // conv input
const W = [3, 2, 3, 3] as const; // OIHW filter

function convRows(): ErrorCase[] {
  const conv =
    (o: core.Conv2dOptions): Call =>
    ([x, w]) =>
      core.conv2d(x, w, o);
  const r: ErrorCase[] = [
    row('conv2d', 'stride 0', [C, W], conv({ strides: 0 }), AttributeError, ["'strides'", '0']),
    row('conv2d', 'stride -1', [C, W], conv({ strides: [1, -1] }), AttributeError, ["'strides'", '-1']),
    row('conv2d', 'stride 1.5', [C, W], conv({ strides: 1.5 }), AttributeError, ["'strides'", '1.5']),
    row('conv2d', 'dilation 0', [C, W], conv({ dilations: 0 }), AttributeError, ["'dilations'", '0']),
    row('conv2d', 'negative padding', [C, W], conv({ padding: -1 }), AttributeError, ["'padding'", '-1']),
    row(
      'conv2d',
      'negative explicit pad',
      [C, W],
      conv({
        padding: [
          [0, -2],
          [0, 0],
        ],
      }),
      AttributeError,
      ["'padding'", '-2'],
    ),
    row('conv2d', "padding 'full'", [C, W], conv({ padding: 'full' as unknown as 'same' }), AttributeError, [
      "'padding'",
      'full',
    ]),
    row('conv2d', 'kernel larger than input', [C, [3, 2, 6, 6]], conv({}), ShapeError, [
      s(C),
      s([3, 2, 6, 6]),
    ]),
    row('conv2d', 'dilated kernel larger than input', [C, W], conv({ dilations: 3 }), ShapeError, [
      s(C),
      s(W),
    ]),
    row('conv2d', 'channel mismatch', [C, [3, 4, 3, 3]], conv({}), ShapeError, [s(C), s([3, 4, 3, 3])]),
    row(
      'conv2d',
      'groups do not divide C_in',
      [
        [1, 3, 5, 5],
        [4, 1, 3, 3],
      ],
      conv({ groups: 2 }),
      ShapeError,
      [s([1, 3, 5, 5]), s([4, 1, 3, 3])],
    ),
    row(
      'conv2d',
      'groups do not divide C_out',
      [
        [1, 4, 5, 5],
        [3, 2, 3, 3],
      ],
      conv({ groups: 2 }),
      ShapeError,
      [s([1, 4, 5, 5]), s([3, 2, 3, 3])],
    ),
    row('conv2d', 'groups 0', [C, W], conv({ groups: 0 }), AttributeError, ["'groups'", '0']),
    row('conv2d', 'x rank 3', [[2, 5, 5], W], conv({}), ShapeError, ['x', s([2, 5, 5])]),
    row('conv2d', 'filter rank 3', [C, [2, 3, 3]], conv({}), ShapeError, ['filter', s([2, 3, 3])]),
    row('conv2d', 'bad dataFormat', [C, W], conv({ dataFormat: 'NWHC' as 'NHWC' }), AttributeError, [
      "'dataFormat'",
      'NWHC',
    ]),
    row('conv2d', 'bad filterFormat', [C, W], conv({ filterFormat: 'IOHW' as 'OIHW' }), AttributeError, [
      "'filterFormat'",
      'IOHW',
    ]),
    row(
      'conv2d',
      'bias of the wrong size',
      [C, W, [2]],
      ([x, w, b]) => core.conv2d(x, w, { bias: b }),
      ShapeError,
      ['bias', s([2])],
    ),
    row('conv2d', 'int32 input', [C, W], conv({}), DTypeError, ["'x'", 'int32'], ['int32', 'int32']),
  ];
  const t =
    (o: core.Conv2dTransposeOptions): Call =>
    ([x, w]) =>
      core.conv2dTranspose(x, w, o);
  const WT = [2, 3, 3, 3] as const; // [C_in, C_out/groups, KH, KW]
  r.push(
    row('conv2dTranspose', 'stride 0', [C, WT], t({ strides: 0 }), AttributeError, ["'strides'", '0']),
    row('conv2dTranspose', 'negative padding', [C, WT], t({ padding: -1 }), AttributeError, [
      "'padding'",
      '-1',
    ]),
    row(
      'conv2dTranspose',
      "padding 'same'",
      [C, WT],
      t({ padding: 'same' as unknown as 'valid' }),
      AttributeError,
      ["'padding'", 'same'],
    ),
    row(
      'conv2dTranspose',
      'outputPadding >= stride',
      [C, WT],
      t({ strides: 2, outputPadding: 2 }),
      AttributeError,
      ["'outputPadding'", '2'],
    ),
    row('conv2dTranspose', 'channel mismatch', [C, [3, 3, 3, 3]], t({}), ShapeError, [s(C), s([3, 3, 3, 3])]),
    row(
      'conv2dTranspose',
      'groups do not divide C_in',
      [
        [1, 3, 5, 5],
        [3, 1, 3, 3],
      ],
      t({ groups: 2 }),
      ShapeError,
      [s([1, 3, 5, 5]), s([3, 1, 3, 3])],
    ),
    row('conv2dTranspose', 'groups -1', [C, WT], t({ groups: -1 }), AttributeError, ["'groups'", '-1']),
    row(
      'conv2dTranspose',
      'padding eats the output',
      [
        [1, 2, 2, 2],
        [2, 3, 1, 1],
      ],
      t({ padding: 1 }),
      ShapeError,
      [s([1, 2, 2, 2]), s([2, 3, 1, 1])],
    ),
    row('conv2dTranspose', 'int32 input', [C, WT], t({}), DTypeError, ["'x'", 'int32'], ['int32', 'int32']),
  );
  for (const [op, f] of [
    ['maxPool2d', core.maxPool2d],
    ['avgPool2d', core.avgPool2d],
  ] as const) {
    const P = [1, 2, 4, 4] as const;
    const p =
      (o: core.MaxPool2dOptions): Call =>
      ([x]) =>
        f(x, o);
    r.push(
      row(op, 'kernelSize 0', [P], p({ kernelSize: 0 }), AttributeError, ["'kernelSize'", '0']),
      row(op, 'stride 0', [P], p({ kernelSize: 2, strides: 0 }), AttributeError, ["'strides'", '0']),
      row(op, 'negative padding', [P], p({ kernelSize: 2, padding: -1 }), AttributeError, [
        "'padding'",
        '-1',
      ]),
      row(op, 'padding over half the kernel', [P], p({ kernelSize: 2, padding: 2 }), AttributeError, [
        "'padding'",
      ]),
      row(op, 'window larger than input', [P], p({ kernelSize: 5 }), ShapeError, [s(P)]),
      row(op, 'x rank 3', [[2, 4, 4]], p({ kernelSize: 2 }), ShapeError, ['x', s([2, 4, 4])]),
      row(op, 'bad dataFormat', [P], p({ kernelSize: 2, dataFormat: 'CHWN' as 'NCHW' }), AttributeError, [
        "'dataFormat'",
        'CHWN',
      ]),
    );
  }
  return r;
}

function otherRows(): ErrorCase[] {
  const A = [2, 3] as const;
  return [
    row('matmul', 'inner dims differ', [A, [4, 5]], ([a, b]) => core.matmul(a, b), ShapeError, [
      s(A),
      s([4, 5]),
    ]),
    row(
      'matmul',
      'batch dims do not broadcast',
      [
        [2, 2, 3],
        [3, 3, 4],
      ],
      ([a, b]) => core.matmul(a, b),
      ShapeError,
      ['a batch [2]', 'b batch [3]'],
    ),
    row(
      'matmul',
      'transposeB inner mismatch',
      [A, [3, 4]],
      ([a, b]) => core.matmul(a, b, { transposeB: true }),
      ShapeError,
      [s(A), s([3, 4])],
    ),
    row('matmul', 'scalar operand', [[], [3]], ([a, b]) => core.matmul(a, b), ShapeError, ['[]', s([3])]),
    row(
      'matmul',
      'bool operands',
      [A, [3, 4]],
      ([a, b]) => core.matmul(a, b),
      DTypeError,
      ["'a'", 'bool'],
      ['bool', 'bool'],
    ),
    row('transpose', 'perm too short', [[2, 3, 4]], ([x]) => core.transpose(x, [1, 0]), AttributeError, [
      "'perm'",
    ]),
    row('transpose', 'perm repeats', [[2, 3, 4]], ([x]) => core.transpose(x, [0, 0, 1]), AttributeError, [
      "'perm'",
    ]),
    row(
      'transpose',
      'perm out of range',
      [[2, 3, 4]],
      ([x]) => core.transpose(x, [0, 1, 3]),
      AttributeError,
      ["'perm'"],
    ),
    row('reshape', 'size mismatch', [A], ([x]) => core.reshape(x, [4, 2]), ShapeError, [s(A), s([4, 2])]),
    row('reshape', 'two -1', [A], ([x]) => core.reshape(x, [-1, -1]), AttributeError, ["'shape'", '-1']),
    row('reshape', '-1 does not divide', [A], ([x]) => core.reshape(x, [-1, 4]), ShapeError, [
      s(A),
      s([-1, 4]),
    ]),
    row('reshape', 'dimension -2', [A], ([x]) => core.reshape(x, [-2, -3]), AttributeError, [
      "'shape'",
      '-2',
    ]),
    row('broadcastTo', 'incompatible target', [A], ([x]) => core.broadcastTo(x, [2, 4]), ShapeError, [
      s(A),
      s([2, 4]),
    ]),
    row('broadcastTo', 'target of lower rank', [A], ([x]) => core.broadcastTo(x, [3]), ShapeError, [
      s(A),
      s([3]),
    ]),
    row('broadcastTo', 'negative target', [A], ([x]) => core.broadcastTo(x, [-2, 3]), AttributeError, [
      "'shape'",
      '-2',
    ]),
    row('slice', 'begin too long', [A], ([x]) => core.slice(x, [0, 0, 0]), AttributeError, ["'begin'"]),
    row('slice', 'begin past the end', [A], ([x]) => core.slice(x, [0, 4], [1, 1]), AttributeError, [
      "'begin'",
      s(A),
    ]),
    row('slice', 'size past the end', [A], ([x]) => core.slice(x, [1, 1], [2, 1]), AttributeError, [
      "'size'",
      s(A),
    ]),
    row(
      'pad',
      'negative padding',
      [A],
      ([x]) =>
        core.pad(x, [
          [0, -1],
          [0, 0],
        ]),
      AttributeError,
      ["'paddings'"],
    ),
    row('pad', 'one pair for rank 2', [A], ([x]) => core.pad(x, [[1, 1]]), AttributeError, ["'paddings'"]),
    row(
      'pad',
      'fractional padding',
      [A],
      ([x]) =>
        core.pad(x, [
          [0.5, 0],
          [0, 0],
        ]),
      AttributeError,
      ["'paddings'"],
    ),
    row('concat', 'shapes differ off-axis', [A, [3, 3]], (xs) => core.concat(xs, 1), ShapeError, [
      s(A),
      s([3, 3]),
    ]),
    row('concat', 'ranks differ', [A, [2, 3, 1]], (xs) => core.concat(xs, 0), ShapeError, [
      s(A),
      s([2, 3, 1]),
    ]),
    row('concat', 'no tensors', [], () => core.concat([], 0), AttributeError, ["'xs'"]),
    row('stack', 'shapes differ', [A, [3, 2]], (xs) => core.stack(xs, 0), ShapeError, [s(A), s([3, 2])]),
    row('stack', 'no tensors', [], () => core.stack([], 0), AttributeError, ["'xs'"]),
    row('split', 'count does not divide', [A], ([x]) => core.split(x, 4, 1), AttributeError, ['3']),
    row('split', 'sizes do not add up', [A], ([x]) => core.split(x, [1, 1], 1), AttributeError, ['3']),
    row('split', 'negative size', [A], ([x]) => core.split(x, [4, -1], 1), AttributeError, ['-1']),
    row('squeeze', 'axis of size 3', [A], ([x]) => core.squeeze(x, 1), AttributeError, ["'axes'", s(A)]),
    row('gather', 'float indices', [[4, 3], [2]], ([x, i]) => core.gather(x, i), DTypeError, [
      "'indices'",
      'float32',
    ]),
    row('oneHot', 'float indices', [[3]], ([i]) => core.oneHot(i, 4), DTypeError, ["'indices'", 'float32']),
    row(
      'oneHot',
      'negative depth',
      [[3]],
      ([i]) => core.oneHot(i, -1),
      AttributeError,
      ["'depth'", '-1'],
      ['int32'],
    ),
    row(
      'oneHot',
      'fractional depth',
      [[3]],
      ([i]) => core.oneHot(i, 2.5),
      AttributeError,
      ["'depth'", '2.5'],
      ['int32'],
    ),
    row(
      'where',
      'branches do not broadcast',
      [
        [2, 3],
        [2, 3],
        [4, 3],
      ],
      ([c, a, b]) => core.where(c, a, b),
      ShapeError,
      [s([2, 3]), s([4, 3])],
      ['bool', 'float32', 'float32'],
    ),
    row(
      'where',
      'condition does not broadcast',
      [[5], [2, 3], [2, 3]],
      ([c, a, b]) => core.where(c, a, b),
      ShapeError,
      [s([5]), s([2, 3])],
      ['bool', 'float32', 'float32'],
    ),
    row('clip', 'bounds do not broadcast', [A, [4]], ([x, lo]) => core.clip(x, lo, 1), ShapeError, [
      s(A),
      s([4]),
    ]),
    row('elu', 'alpha NaN', [A], ([x]) => core.elu(x, Number.NaN), AttributeError, ["'alpha'", 'NaN']),
    row(
      'leakyRelu',
      'alpha Infinity',
      [A],
      ([x]) => core.leakyRelu(x, Number.POSITIVE_INFINITY),
      AttributeError,
      ["'alpha'", 'Infinity'],
    ),
    row(
      'gelu',
      'approximate erf',
      [A],
      ([x]) => core.gelu(x, { approximate: 'erf' as 'none' }),
      AttributeError,
      ["'approximate'", 'erf'],
    ),
    row('argMax', 'empty axis', [[0, 3]], ([x]) => core.argMax(x, 0), AttributeError, ["'x'", '0']),
    row('argMin', 'empty axis', [[2, 0]], ([x]) => core.argMin(x, 1), AttributeError, ["'x'", '1']),
    row('cast', 'unknown dtype', [A], ([x]) => core.cast(x, 'float16' as 'float32'), DTypeError, [
      "'dtype'",
      'float16',
    ]),
    row(
      'softmaxCrossEntropy',
      'int labels of the wrong shape',
      [A, [3]],
      ([z, y]) => core.softmaxCrossEntropy(z, y),
      ShapeError,
      [s(A), s([3])],
      ['float32', 'int32'],
    ),
    row(
      'softmaxCrossEntropy',
      'float labels of the wrong shape',
      [A, [2, 4]],
      ([z, y]) => core.softmaxCrossEntropy(z, y),
      ShapeError,
      [s(A), s([2, 4])],
    ),
    row(
      'softmaxCrossEntropy',
      'bad reduction',
      [A, [2]],
      ([z, y]) => core.softmaxCrossEntropy(z, y, { reduction: 'avg' as 'mean' }),
      AttributeError,
      ["'reduction'", 'avg'],
      ['float32', 'int32'],
    ),
    row(
      'meanSquaredError',
      'bad reduction',
      [A, A],
      ([p, t]) => core.meanSquaredError(p, t, 'avg' as 'mean'),
      AttributeError,
      ["'reduction'", 'avg'],
    ),
    row('batchNorm', 'rank 1', [[3]], ([x]) => core.batchNorm(x, { training: true }), ShapeError, [
      'x',
      s([3]),
    ]),
    row(
      'batchNorm',
      'scale of the wrong size',
      [[4, 3], [2]],
      ([x, g]) => core.batchNorm(x, { training: true, scale: g }),
      ShapeError,
      ['scale', s([2])],
    ),
    row(
      'batchNorm',
      'negative epsilon',
      [[4, 3]],
      ([x]) => core.batchNorm(x, { training: true, epsilon: -1 }),
      AttributeError,
      ["'epsilon'", '-1'],
    ),
    row(
      'batchNorm',
      'momentum 2',
      [[4, 3]],
      ([x]) => core.batchNorm(x, { training: true, momentum: 2 }),
      AttributeError,
      ["'momentum'", '2'],
    ),
    row(
      'batchNorm',
      'inference without running statistics',
      [[4, 3]],
      ([x]) => core.batchNorm(x, { training: false }),
      AttributeError,
      ["'runningMean'"],
    ),
    row(
      'batchNorm',
      'int32 scale',
      [[4, 3], [3]],
      ([x, g]) => core.batchNorm(x, { training: true, scale: g }),
      DTypeError,
      ["'scale'", 'int32'],
      ['float32', 'int32'],
    ),
    row(
      'batchNorm',
      'bad convention',
      [[4, 3]],
      ([x]) => core.batchNorm(x, { training: true, convention: 'keras' as 'onnx' }),
      AttributeError,
      ["'convention'"],
    ),
    row('tensor', 'values do not fill the shape', [], () => core.tensor([1, 2, 3], [2, 2]), ShapeError, [
      s([2, 2]),
    ]),
    row('tensor', 'ragged nesting', [], () => core.tensor([[1, 2], [3]] as number[][]), ShapeError, []),
    row(
      'jit',
      'reads values inside a trace',
      [[2]],
      ([x]) => core.jit((t: Tensor) => core.tensor([t.dataSync()[0]]))(x),
      TraceError,
      ['dataSync', 'read'],
    ),
    row(
      'jit',
      'draws random numbers inside a trace',
      [[2]],
      ([x]) => core.jit((t: Tensor) => core.add(t, core.randomUniform([2])))(x),
      TraceError,
      ['randomUniform'],
    ),
    row('jit', 'fn not a function', [], () => core.jit(42 as unknown as () => Tensor), AttributeError, [
      "'fn'",
    ]),
    {
      op: 'jit',
      name: 'disposed argument on replay',
      inputs: () => [],
      call: () => {
        const f = core.jit((t: Tensor) => core.add(t, 1));
        const x = mk([2, 3]);
        core.dispose(f(x));
        x.dispose();
        try {
          return f(x);
        } finally {
          f.dispose();
        }
      },
      error: DisposedTensorError,
      mentions: ['[2, 3]'],
    },
    row('zeros', 'negative dimension', [], () => core.zeros([-1, 2]), AttributeError, ["'shape'", '-1']),
  ];
}

/**
 * Rows that fail today because of libml bugs (reported in issue 9), grouped by bug. Each group runs as a
 * `test.fails` on every backend: it turns red when the bug is fixed, so the row can move back.
 */
export const KNOWN_BUGS: readonly { readonly reason: string; readonly matches: (c: ErrorCase) => boolean }[] =
  [
    // Empty: the seven error-reporting bugs this suite found in core (reduceMean named 'mean',
    // meanSquaredError surfacing as sub, cast's argument name / non-tensor / unknown dtype, logicalNot's
    // argument name, zeros reported as fill) are fixed. New ones go here with their reason.
  ];

export const ERROR_CASES: readonly ErrorCase[] = [
  ...disposedRows(),
  ...notATensorRows(),
  ...broadcastRows(),
  ...axisRows(),
  ...convRows(),
  ...otherRows(),
];

// --- empty tensors with a defined result ---------------------------------------------------------------------

const e = (
  op: string,
  name: string,
  shapes: readonly (readonly number[])[],
  call: (xs: Tensor[]) => Tensor,
  shape: readonly number[],
  vals: readonly number[],
  dtypes?: readonly ('float32' | 'int32' | 'bool')[],
): EmptyCase => ({
  op,
  name,
  inputs: () => shapes.map((sh, i) => mk(sh, dtypes?.[i] ?? 'float32')),
  call,
  shape,
  values: vals,
});

export const EMPTY_CASES: readonly EmptyCase[] = [
  e('sum', 'all of [0, 3]', [[0, 3]], ([x]) => core.sum(x), [], [0]),
  e('sum', 'axis 0 of [0, 3]', [[0, 3]], ([x]) => core.sum(x, 0), [3], [0, 0, 0]),
  e('sum', 'axis 1 of [0, 3]', [[0, 3]], ([x]) => core.sum(x, 1), [0], []),
  e('prod', 'axis 0 of [0, 2]', [[0, 2]], ([x]) => core.prod(x, 0), [2], [1, 1]),
  e('max', 'axis 0 of [0, 2]', [[0, 2]], ([x]) => core.max(x, 0), [2], [-Infinity, -Infinity]),
  e('min', 'all of [0]', [[0]], ([x]) => core.min(x), [], [Infinity]),
  e(
    'reduceMean',
    'axis 1 of [2, 0]',
    [[2, 0]],
    ([x]) => core.reduceMean(x, 1),
    [2],
    [Number.NaN, Number.NaN],
  ),
  e('sum', 'int32 [0]', [[0]], ([x]) => core.sum(x), [], [0], ['int32']),
  e('add', '[0, 3] + [3]', [[0, 3], [3]], ([a, b]) => core.add(a, b), [0, 3], []),
  e(
    'mul',
    '[2, 0] * [1, 1]',
    [
      [2, 0],
      [1, 1],
    ],
    ([a, b]) => core.mul(a, b),
    [2, 0],
    [],
  ),
  e('exp', '[0]', [[0]], ([x]) => core.exp(x), [0], []),
  e('relu', '[3, 0, 2]', [[3, 0, 2]], ([x]) => core.relu(x), [3, 0, 2], []),
  e(
    'matmul',
    '[2, 0] x [0, 3] = zeros',
    [
      [2, 0],
      [0, 3],
    ],
    ([a, b]) => core.matmul(a, b),
    [2, 3],
    [0, 0, 0, 0, 0, 0],
  ),
  e(
    'matmul',
    '[0, 4] x [4, 3]',
    [
      [0, 4],
      [4, 3],
    ],
    ([a, b]) => core.matmul(a, b),
    [0, 3],
    [],
  ),
  e('transpose', '[0, 3]', [[0, 3]], ([x]) => core.transpose(x), [3, 0], []),
  e('reshape', '[0, 3] to [3, -1]', [[0, 3]], ([x]) => core.reshape(x, [3, 0]), [3, 0], []),
  e(
    'concat',
    '[0, 2] with [1, 2]',
    [
      [0, 2],
      [1, 2],
    ],
    (xs) => core.concat(xs, 0),
    [1, 2],
    [-1.3, 0.45].map(Math.fround),
  ),
  e('stack', 'two [0]', [[0], [0]], (xs) => core.stack(xs, 0), [2, 0], []),
  e('slice', 'size 0', [[2, 3]], ([x]) => core.slice(x, [1, 1], [0, 2]), [0, 2], []),
  e(
    'pad',
    '[0, 2] padded to [2, 2]',
    [[0, 2]],
    ([x]) =>
      core.pad(
        x,
        [
          [1, 1],
          [0, 0],
        ],
        5,
      ),
    [2, 2],
    [5, 5, 5, 5],
  ),
  e('softmax', '[0, 4]', [[0, 4]], ([x]) => core.softmax(x), [0, 4], []),
  e('broadcastTo', '[1, 3] to [0, 3]', [[1, 3]], ([x]) => core.broadcastTo(x, [0, 3]), [0, 3], []),
  e(
    'gather',
    'no indices',
    [[4, 3], [0]],
    ([x, i]) => core.gather(x, i, 0),
    [0, 3],
    [],
    ['float32', 'int32'],
  ),
  e('oneHot', 'no indices', [[0]], ([i]) => core.oneHot(i, 3), [0, 3], [], ['int32']),
  e(
    'where',
    'empty',
    [
      [0, 2],
      [0, 2],
      [0, 2],
    ],
    ([c, a, b]) => core.where(c, a, b),
    [0, 2],
    [],
    ['bool', 'float32', 'float32'],
  ),
  e(
    'conv2d',
    'empty batch',
    [
      [0, 2, 5, 5],
      [3, 2, 3, 3],
    ],
    ([x, w]) => core.conv2d(x, w),
    [0, 3, 3, 3],
    [],
  ),
  e(
    'maxPool2d',
    'empty batch',
    [[0, 2, 4, 4]],
    ([x]) => core.maxPool2d(x, { kernelSize: 2 }),
    [0, 2, 2, 2],
    [],
  ),
  e(
    'avgPool2d',
    'empty channels',
    [[1, 0, 4, 4]],
    ([x]) => core.avgPool2d(x, { kernelSize: 2 }),
    [1, 0, 2, 2],
    [],
  ),
  e('cast', '[0] to int32', [[0]], ([x]) => core.cast(x, 'int32'), [0], []),
  e('argMax', '[0, 3] along axis 1', [[0, 3]], ([x]) => core.argMax(x, 1), [0], []),
  e(
    'meanSquaredError',
    'sum of nothing',
    [[0], [0]],
    ([p, t]) => core.meanSquaredError(p, t, 'sum'),
    [],
    [0],
  ),
];
