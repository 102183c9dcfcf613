// The backend contract: storage plus a small, typed, versioned set of primitive kernels that every backend
// implements, and optional overrides for composite and hot ops. Core derives every public op from the
// primitives, so a backend that implements only the primitives is complete.

import type { DataArray, DType } from './dtype.js';

/** Opaque handle to a backend's storage for one tensor's data. */
export type DataId = object;

/** Shape and dtype of a tensor; core computes one for each kernel output before the kernel runs. */
export interface TensorSpec {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** What a kernel sees of an input: its storage handle, shape and dtype (row-major, contiguous). */
export interface TensorInfo extends TensorSpec {
  readonly dataId: DataId;
}

type NoAttrs = Readonly<Record<never, never>>;
/** Layout of 4-D image tensors: NCHW ([batch, channels, height, width]) or NHWC (channels last). */
export type Layout = 'NCHW' | 'NHWC';
/** Layout of conv2d filters: OIHW ([out, in / groups, kh, kw]) or HWIO ([kh, kw, in / groups, out]). */
export type FilterLayout = 'OIHW' | 'HWIO';

/** Convolution attributes after core resolved padding: pads are [top, bottom, left, right]. */
export interface Conv2dAttrs {
  readonly strides: readonly [number, number];
  readonly pads: readonly [number, number, number, number];
  readonly dilations: readonly [number, number];
  readonly groups: number;
  readonly dataFormat: Layout;
  readonly filterFormat: FilterLayout;
}

/** Pooling attributes after core resolved padding. Output shape comes in the output spec. */
export interface Pool2dAttrs {
  readonly kernelSize: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly pads: readonly [number, number, number, number];
  readonly dilations: readonly [number, number];
  readonly ceilMode: boolean;
  readonly dataFormat: Layout;
}
export interface AvgPool2dAttrs extends Pool2dAttrs {
  readonly countIncludePad: boolean;
}

/**
 * The primitive kernels, version 1. Semantics (docs/backend-contract.md has the full text):
 * - unary: same shape and dtype as the input (float dtypes; abs also int32).
 * - binary: both inputs share a dtype (core promotes first) and broadcast NumPy-style to the output shape;
 *   `equal` and `less` output bool. int32 arithmetic wraps; int32 `div` never reaches a backend.
 * - where(cond: bool, a, b) broadcasts all three. cast converts (float->int truncates toward zero,
 *   nonzero->true).
 * - sum, prod, max reduce over sorted unique `axes` and drop them; argMax gives the int32 index of the
 *   first maximum along `axis`, counting NaN as the maximum. max propagates NaN.
 * - transpose, broadcastTo, slice, pad (constant), concat, gather (int32 indices in [-n, n), negative
 *   counting from the end).
 */
export interface PrimitiveAttrs {
  abs: NoAttrs;
  exp: NoAttrs;
  log: NoAttrs;
  sqrt: NoAttrs;
  sin: NoAttrs;
  cos: NoAttrs;
  tanh: NoAttrs;
  erf: NoAttrs;
  add: NoAttrs;
  mul: NoAttrs;
  div: NoAttrs;
  pow: NoAttrs;
  maximum: NoAttrs;
  equal: NoAttrs;
  less: NoAttrs;
  where: NoAttrs;
  cast: { readonly dtype: DType };
  sum: { readonly axes: readonly number[] };
  prod: { readonly axes: readonly number[] };
  max: { readonly axes: readonly number[] };
  argMax: { readonly axis: number };
  transpose: { readonly perm: readonly number[] };
  broadcastTo: { readonly shape: readonly number[] };
  slice: { readonly begin: readonly number[]; readonly size: readonly number[] };
  pad: { readonly paddings: readonly (readonly [number, number])[]; readonly value: number };
  concat: { readonly axis: number };
  gather: { readonly axis: number };
}

/** Composite ops a backend may implement natively. Without them core decomposes into primitives. */
export interface OverrideAttrs {
  neg: NoAttrs;
  sub: NoAttrs;
  minimum: NoAttrs;
  square: NoAttrs;
  relu: NoAttrs;
  sigmoid: NoAttrs;
  leakyRelu: { readonly alpha: number };
  elu: { readonly alpha: number };
  gelu: { readonly approximate: 'none' | 'tanh' };
  min: { readonly axes: readonly number[] };
  mean: { readonly axes: readonly number[] };
  argMin: { readonly axis: number };
  softmax: { readonly axis: number };
  logSoftmax: { readonly axis: number };
  matmul: { readonly transposeA: boolean; readonly transposeB: boolean };
  /** out[..., idx, ...] += dy: the adjoint of gather; `size` is the length of the gathered axis. */
  scatterAdd: { readonly axis: number; readonly size: number };
  conv2d: Conv2dAttrs;
  /**
   * The adjoint of conv2d with respect to its input; inputs [dy, filter], output the input's shape. dy may
   * be smaller than conv2d's output for that shape (transposed conv with outputPadding >= stride): the
   * missing positions count as zero.
   */
  conv2dBackpropInput: Conv2dAttrs;
  /** The adjoint of conv2d with respect to its filter; inputs [x, dy], output the filter's shape. */
  conv2dBackpropFilter: Conv2dAttrs;
  maxPool2d: Pool2dAttrs;
  /** inputs [x, dy]: dy routed to the first maximal element of each window. */
  maxPool2dGrad: Pool2dAttrs;
  avgPool2d: AvgPool2dAttrs;
  /** inputs [dy], output the input's shape. */
  avgPool2dGrad: AvgPool2dAttrs;
  /** Training-mode statistics: inputs [x]; outputs [mean, biased variance] over `axes` (dropped). */
  moments: { readonly axes: readonly number[] };
}

/** The elementwise primitives a fused program is written in (core lowers every other elementwise op). */
export type ElementwiseUnaryName = 'abs' | 'exp' | 'log' | 'sqrt' | 'sin' | 'cos' | 'tanh' | 'erf';
/** The binary elementwise primitives a fused program may use. */
export type ElementwiseBinaryName = 'add' | 'mul' | 'div' | 'pow' | 'maximum' | 'equal' | 'less';

/**
 * One step of an elementwise program, in SSA form: `args` index earlier instructions. Each instruction has
 * the semantics of the primitive kernel of the same name on one element (dtype rules included); `input`
 * reads the kernel's input `input` broadcast (NumPy-style) to the output shape; `const` is a scalar.
 */
export type ElementwiseInstruction =
  | { readonly op: 'input'; readonly dtype: DType; readonly input: number }
  | { readonly op: 'const'; readonly dtype: DType; readonly value: number }
  | { readonly op: ElementwiseUnaryName | 'cast'; readonly dtype: DType; readonly args: readonly [number] }
  | {
      readonly op: ElementwiseBinaryName;
      readonly dtype: DType;
      readonly args: readonly [number, number];
    }
  | { readonly op: 'where'; readonly dtype: DType; readonly args: readonly [number, number, number] };

/**
 * A fused elementwise program: what jit hands a backend in place of a chain of elementwise kernels.
 * Every output has the kernel's output shape; `outputs` index `instructions`.
 */
export interface ElementwiseProgram {
  readonly instructions: readonly ElementwiseInstruction[];
  readonly outputs: readonly number[];
  /** Canonical text of the program: equal keys mean equal programs (a cache key for compiled code). */
  readonly key: string;
}

/** Kernels only jit calls, for fused work. Optional: without them jit runs the graph kernel by kernel. */
export interface FusedAttrs {
  /** inputs: the program's inputs, each broadcastable to the output shape; one output per program output. */
  fusedElementwise: { readonly program: ElementwiseProgram };
  /**
   * matmul (attributes as the override) followed by an elementwise epilogue on its product: inputs
   * [a, b, ...extra]; the epilogue's input 0 is the product (the operands' dtype), input k >= 1 is extra[k - 1]
   * broadcast to the product's shape; one output per epilogue output, each of the product's shape.
   */
  fusedMatmul: {
    readonly transposeA: boolean;
    readonly transposeB: boolean;
    readonly epilogue: ElementwiseProgram;
  };
  /**
   * conv2d (attributes as the override) followed by an elementwise epilogue on its result (bias,
   * activation, scaling): inputs [x, filter, ...extra], the epilogue's input 0 is the convolution's result,
   * input k >= 1 is extra[k - 1] broadcast to its shape; one output per epilogue output.
   */
  fusedConv2d: Conv2dAttrs & { readonly epilogue: ElementwiseProgram };
}

/** The attributes of every kernel (primitives, overrides and fused kernels), by kernel name. */
export type KernelAttrs = PrimitiveAttrs & OverrideAttrs & FusedAttrs;
/** Name of a primitive kernel; every backend implements all of them. */
export type PrimitiveName = keyof PrimitiveAttrs;
/** Name of an optional override kernel (a composite op core otherwise decomposes into primitives). */
export type OverrideName = keyof OverrideAttrs;
/** Name of an optional fused kernel, called only by jit. */
export type FusedName = keyof FusedAttrs;
/** Name of any kernel: primitive, override or fused. */
export type KernelName = keyof KernelAttrs;

/**
 * A kernel: reads its inputs, allocates and fills one storage per output (core computed each output's
 * shape and dtype), and returns their handles in order.
 */
export type Kernel<A> = (inputs: readonly TensorInfo[], attrs: A, outputs: readonly TensorSpec[]) => DataId[];

/** A backend's kernels by name: every primitive is required; overrides and fused kernels are optional. */
export type KernelTable = { readonly [K in PrimitiveName]: Kernel<PrimitiveAttrs[K]> } & {
  readonly [K in OverrideName]?: Kernel<OverrideAttrs[K]>;
} & {
  readonly [K in FusedName]?: Kernel<FusedAttrs[K]>;
};

/** The version of the primitive list. A backend states the version it implements. */
export const PRIMITIVES_VERSION = 1;

/** The elementwise primitives: the operations an ElementwiseProgram is written in. */
export const ELEMENTWISE_PRIMITIVES = [
  'abs',
  'exp',
  'log',
  'sqrt',
  'sin',
  'cos',
  'tanh',
  'erf',
  'add',
  'mul',
  'div',
  'pow',
  'maximum',
  'equal',
  'less',
  'where',
  'cast',
] as const satisfies readonly (ElementwiseUnaryName | ElementwiseBinaryName | 'where' | 'cast')[];

/** Every primitive kernel a backend must implement, version 1. */
export const PRIMITIVES = [
  ...ELEMENTWISE_PRIMITIVES,
  'sum',
  'prod',
  'max',
  'argMax',
  'transpose',
  'broadcastTo',
  'slice',
  'pad',
  'concat',
  'gather',
] as const satisfies readonly PrimitiveName[];

/** Every optional override kernel, version 1; core decomposes those a backend leaves out. */
export const OVERRIDES = [
  'neg',
  'sub',
  'minimum',
  'square',
  'relu',
  'sigmoid',
  'leakyRelu',
  'elu',
  'gelu',
  'min',
  'mean',
  'argMin',
  'softmax',
  'logSoftmax',
  'matmul',
  'scatterAdd',
  'conv2d',
  'conv2dBackpropInput',
  'conv2dBackpropFilter',
  'maxPool2d',
  'maxPool2dGrad',
  'avgPool2d',
  'avgPool2dGrad',
  'moments',
] as const satisfies readonly OverrideName[];

/** The optional kernels jit uses for fusion. */
export const FUSED = [
  'fusedElementwise',
  'fusedMatmul',
  'fusedConv2d',
] as const satisfies readonly FusedName[];

/** What a backend supports beyond the primitives; core and jit adapt to it. */
export interface BackendCapabilities {
  /** float64 tensors can be stored and computed. */
  readonly float64: boolean;
  /** readSync is available, so Tensor.dataSync() works. */
  readonly syncRead: boolean;
  /**
   * The most tensors (inputs plus outputs) one fused kernel may bind (webgpu: storage buffers per shader
   * stage); jit splits larger fused programs. Default: no limit.
   */
  readonly fusedBindings?: number;
}

/** A backend's own count of the storage it holds. */
export interface BackendMemory {
  /** Live storage allocations the backend holds. */
  readonly buffers: number;
  /** Bytes those allocations hold. */
  readonly bytes: number;
}

/** What a backend implements. Register it with registerBackend(name, () => new MyBackend()). */
export interface Backend {
  readonly name: string;
  readonly primitivesVersion: number;
  readonly capabilities: BackendCapabilities;
  readonly kernels: KernelTable;
  /** Optional asynchronous initialisation (compile wasm, request a GPU device...). */
  ready?(): Promise<void>;
  /** Stores a copy of `values` (length = product of shape). */
  write(values: DataArray, shape: readonly number[], dtype: DType): DataId;
  /** A fresh copy of the stored values, row-major, that the caller owns. */
  read(dataId: DataId): Promise<DataArray>;
  /**
   * Optional synchronous read (when `capabilities.syncRead`); without it Tensor.dataSync() throws
   * AsyncOnlyError.
   */
  readSync?(dataId: DataId): DataArray;
  /**
   * Frees the storage (core calls it once the last tensor using it is disposed); a second call must be
   * harmless.
   */
  dispose(dataId: DataId): void;
  /** The backend's own count of its live allocations and their bytes (shown by core's memory()). */
  memory(): BackendMemory;
  /**
   * Optional: runs `fn`, whose kernels form one unit of work (a jit-compiled step), so the backend can
   * submit them together (webgpu: one command buffer). Must return `fn`'s result and rethrow its errors.
   */
  batch?<T>(fn: () => T): T;
}
