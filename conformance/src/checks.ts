// The checks each case goes through: forward against the golden, VJP against the golden, finite
// differences on the backend itself, a float64 element-wise gradient check, second order, and leaks.
// Each returns null on success or a message.

import {
  add,
  cast,
  dispose,
  grad,
  jit,
  type KernelEvent,
  memory,
  mul,
  onKernel,
  sum,
  type Tensor,
  tensor,
  tidy,
} from '@libml/core';
import { mismatch, type ToleranceSpec } from './compare.js';
import { caseInputs, caseSeed, checksum, type HostArray, normalArray } from './inputs.js';
import type { Attrs, CaseSpec, OpSuite } from './types.js';

export const CHECKS = [
  'forward',
  'vjp',
  'finiteDifference',
  'gradCheck64',
  'secondOrder',
  'leak',
  'jit',
  'jitVjp',
] as const;
export type CheckName = (typeof CHECKS)[number];

export interface GoldenArray {
  readonly dtype?: string;
  readonly shape: readonly number[];
  readonly data: readonly (number | string | boolean)[];
}
export interface GoldenCase {
  /** Checksum of the inputs the golden was computed from. */
  readonly checksum?: string;
  readonly outputs: readonly GoldenArray[];
  readonly vjp?: readonly GoldenArray[];
  readonly secondOrder?: readonly GoldenArray[];
}

/** A golden array as numbers; for float32 results rounded to float32 (beyond its range is +-Infinity). */
export function goldenValues(g: GoldenArray, dtype = 'float32'): Float64Array {
  const values = Float64Array.from(g.data, (v) =>
    typeof v === 'string' ? (v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : -Infinity) : Number(v),
  );
  if (dtype === 'float32') for (let i = 0; i < values.length; i++) values[i] = Math.fround(values[i]);
  return values;
}

export function toTensor(h: HostArray, dtype = h.dtype): Tensor {
  if (dtype === 'float64') return tensor(Float64Array.from(h.data), h.shape, 'float64');
  if (dtype === 'int32') return tensor(Int32Array.from(h.data), h.shape, 'int32');
  if (dtype === 'bool') return tensor(Uint8Array.from(h.data), h.shape, 'bool');
  return tensor(Float32Array.from(h.data), h.shape, 'float32');
}

function outputsOf(out: Tensor | readonly Tensor[]): Tensor[] {
  return Array.isArray(out) ? [...out] : [out as Tensor];
}

/** Everything a case needs, drawn once. */
export interface PreparedCase {
  readonly spec: CaseSpec;
  readonly attrs: Attrs;
  readonly inputs: HostArray[];
  readonly diff: readonly number[];
  readonly golden: GoldenCase | undefined;
}

export function prepare(suite: OpSuite, c: CaseSpec, golden: GoldenCase | undefined): PreparedCase {
  const diff = typeof suite.differentiable === 'function' ? suite.differentiable(c) : suite.differentiable;
  return { spec: c, attrs: c.attrs ?? {}, inputs: caseInputs(suite.op, c), diff, golden };
}

/** Cotangents for the outputs (seeded), given their shapes. */
export function cotangentsFor(
  suite: OpSuite,
  c: CaseSpec,
  shapes: readonly (readonly number[])[],
): HostArray[] {
  return shapes.map((s, i) => normalArray(s, caseSeed(suite.op, c, `cotangent${i}`)));
}

export function secondCotangentsFor(suite: OpSuite, p: PreparedCase): HostArray[] {
  return p.diff.map((k, j) => normalArray(p.inputs[k].shape, caseSeed(suite.op, p.spec, `second${j}`)));
}

function tol(suite: OpSuite, p: PreparedCase, factor: number): ToleranceSpec {
  const length = suite.reductionLength?.(p.spec) ?? Math.max(1, ...p.inputs.map((a) => a.data.length));
  return { cls: suite.tolerance, length, factor };
}

/** <u, f(xs)> as a scalar tensor, f's outputs cast to float for the product. */
function pairing(outs: readonly Tensor[], us: readonly Tensor[]): Tensor {
  let total: Tensor | undefined;
  outs.forEach((o, i) => {
    const term = sum(mul(o.dtype === us[i].dtype ? o : cast(o, us[i].dtype), us[i]));
    total = total ? add(total, term) : term;
  });
  return total!;
}

/** The function of the differentiable inputs only. */
function partial(suite: OpSuite, p: PreparedCase, all: readonly Tensor[]) {
  return (...xs: Tensor[]): Tensor[] => {
    const full = [...all];
    p.diff.forEach((k, j) => {
      full[k] = xs[j];
    });
    return outputsOf(suite.run(full, p.attrs));
  };
}

/** Reads tensors back as float64 host arrays (awaiting data(), so async-only backends work). */
export async function readAll(ts: readonly Tensor[]): Promise<Float64Array[]> {
  return Promise.all(ts.map(async (t) => Float64Array.from(await t.data())));
}

/** Runs `make` in a tidy scope, reads back what it returns, then disposes that too. */
async function evaluate(make: () => Tensor[]): Promise<Float64Array[]> {
  const outs = tidy(make);
  try {
    return await readAll(outs);
  } finally {
    dispose(outs);
  }
}

function goldenProblem(p: PreparedCase): string | null {
  if (!p.golden) return 'no golden values for this case (run `pnpm --filter @libml/conformance goldens`)';
  if (p.golden.checksum && p.golden.checksum !== checksum(p.inputs)) {
    return 'the golden was computed from other inputs: regenerate with `pnpm goldens`';
  }
  return null;
}

/** Compares outputs with the golden forward values, then disposes them. */
async function compareOutputs(suite: OpSuite, p: PreparedCase, outs: Tensor[]): Promise<string | null> {
  const golden = p.golden as GoldenCase;
  try {
    if (outs.length !== golden.outputs.length)
      return `${outs.length} outputs, expected ${golden.outputs.length}`;
    const values = await readAll(outs);
    for (let i = 0; i < outs.length; i++) {
      const g = golden.outputs[i];
      const o = outs[i];
      if (o.shape.join(',') !== g.shape.join(','))
        return `output ${i} has shape [${o.shape}], expected [${g.shape}]`;
      if (g.dtype && o.dtype !== g.dtype) return `output ${i} has dtype ${o.dtype}, expected ${g.dtype}`;
      const m = mismatch(values[i], goldenValues(g, o.dtype), tol(suite, p, 1), `output ${i}`);
      if (m) return m;
    }
    return null;
  } finally {
    dispose(outs);
  }
}

export async function checkForward(
  suite: OpSuite,
  p: PreparedCase,
  events: KernelEvent[],
): Promise<string | null> {
  const problem = goldenProblem(p);
  if (problem) return problem;
  const stop = onKernel((e) => events.push(e));
  let outs: Tensor[];
  try {
    outs = tidy(() =>
      outputsOf(
        suite.run(
          p.inputs.map((h) => toTensor(h)),
          p.attrs,
        ),
      ),
    );
  } finally {
    stop();
  }
  return compareOutputs(suite, p, outs);
}

/**
 * The forward under jit: the traced call and two replays against the golden, then nothing left allocated
 * once the compiled function is disposed.
 */
export async function checkJit(suite: OpSuite, p: PreparedCase, backend: string): Promise<string | null> {
  const problem = goldenProblem(p);
  if (problem) return problem;
  const before = liveOn(backend);
  const f = jit((...xs: Tensor[]) => outputsOf(suite.run(xs, p.attrs)));
  const message = await withUploaded([p.inputs], async (inputs) => {
    try {
      for (const pass of ['traced call', 'replay', 'second replay']) {
        const m = await compareOutputs(
          suite,
          p,
          tidy(() => f(...inputs)),
        );
        if (m) return `${pass}: ${m}`;
      }
      return null;
    } finally {
      f.dispose();
    }
  });
  return message ?? leakMessage(before, liveOn(backend));
}

/** Gradients of <u, f> for the differentiable inputs, as host arrays, on the backend's dtype. */
function backendVjp(
  suite: OpSuite,
  p: PreparedCase,
  inputs: readonly Tensor[],
  us: readonly Tensor[],
): Promise<Float64Array[]> {
  return evaluate(() => {
    const f = partial(suite, p, inputs);
    const g = grad(
      (...xs: Tensor[]) => pairing(f(...xs), us),
      p.diff.map((_, j) => j),
    );
    const grads = g(...p.diff.map((k) => inputs[k])) as Tensor[];
    grads.forEach((t, j) => {
      const x = inputs[p.diff[j]];
      if (t.shape.join(',') !== x.shape.join(',')) {
        throw new Error(`gradient ${j} has shape [${t.shape}], its input [${x.shape}]`);
      }
    });
    return grads;
  });
}

/** Uploads host arrays for the duration of `fn`, then disposes them. */
async function withUploaded<T>(
  arrays: readonly (readonly HostArray[])[],
  fn: (...tensors: Tensor[][]) => Promise<T>,
  dtype?: 'float64',
): Promise<T> {
  const uploaded = tidy(() =>
    arrays.map((list) => list.map((h) => toTensor(h, dtype && h.dtype === 'float32' ? dtype : h.dtype))),
  );
  try {
    return await fn(...uploaded);
  } finally {
    dispose(uploaded);
  }
}

export async function checkVjp(suite: OpSuite, p: PreparedCase): Promise<string | null> {
  const golden = p.golden;
  if (!golden?.vjp) return 'no golden VJP for this case';
  const us = cotangentsFor(
    suite,
    p.spec,
    golden.outputs.map((o) => o.shape),
  );
  const zeroUs = us.map((u) => ({ ...u, data: new Float64Array(u.data.length) }));
  return withUploaded([p.inputs, us, zeroUs], async (inputs, uTensors, zeroTensors) => {
    const grads = await backendVjp(suite, p, inputs, uTensors);
    for (let j = 0; j < grads.length; j++) {
      const m = mismatch(
        grads[j],
        goldenValues(golden.vjp![j]),
        tol(suite, p, 4),
        `gradient of input ${p.diff[j]}`,
      );
      if (m) return m;
    }
    // A zero cotangent pulls back to exactly zero (0 * Inf is NaN, so only for finite inputs, and not
    // where the gradient itself is infinite).
    if (p.inputs.some((h) => h.data.some((v) => !Number.isFinite(v)))) return null;
    const zeros = await backendVjp(suite, p, inputs, zeroTensors);
    for (let j = 0; j < zeros.length; j++) {
      const reference = goldenValues(golden.vjp![j], 'float64');
      if (zeros[j].some((v, i) => v !== 0 && Number.isFinite(reference[i]))) {
        return `a zero cotangent gave a non-zero gradient for input ${p.diff[j]}`;
      }
    }
    return null;
  });
}

/** The VJP traced and replayed under jit (grad inside the jit function) against the golden. */
export async function checkJitVjp(suite: OpSuite, p: PreparedCase, backend: string): Promise<string | null> {
  const golden = p.golden;
  if (!golden?.vjp) return 'no golden VJP for this case';
  const us = cotangentsFor(
    suite,
    p.spec,
    golden.outputs.map((o) => o.shape),
  );
  const before = liveOn(backend);
  const message = await withUploaded([p.inputs, us], async (inputs, uTensors) => {
    const step = jit((xs: Tensor[], cotangents: Tensor[]) => {
      const f = partial(suite, p, xs);
      return grad(
        (...d: Tensor[]) => pairing(f(...d), cotangents),
        p.diff.map((_, j) => j),
      )(...p.diff.map((k) => xs[k])) as Tensor[];
    });
    try {
      for (const pass of ['traced call', 'replay']) {
        const grads = tidy(() => step(inputs, uTensors));
        let values: Float64Array[];
        try {
          values = await readAll(grads);
        } finally {
          dispose(grads);
        }
        for (let j = 0; j < values.length; j++) {
          const m = mismatch(
            values[j],
            goldenValues(golden.vjp![j]),
            tol(suite, p, 4),
            `gradient of input ${p.diff[j]}`,
          );
          if (m) return `${pass}: ${m}`;
        }
      }
      return null;
    } finally {
      step.dispose();
    }
  });
  return message ?? leakMessage(before, liveOn(backend));
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** <v, VJP(u)> against central differences of the forward along a random direction (float64 host math). */
export async function checkFiniteDifferences(suite: OpSuite, p: PreparedCase): Promise<string | null> {
  const golden = p.golden;
  if (!golden) return 'no golden shapes for this case';
  const us = cotangentsFor(
    suite,
    p.spec,
    golden.outputs.map((o) => o.shape),
  );
  return withUploaded([p.inputs, us], async (inputs, uTensors) => {
    const grads = await backendVjp(suite, p, inputs, uTensors);
    for (let j = 0; j < p.diff.length; j++) {
      const k = p.diff[j];
      const x = p.inputs[k];
      const v = normalArray(x.shape, caseSeed(suite.op, p.spec, `direction${j}`));
      const plus = new Float64Array(x.data.length);
      const minus = new Float64Array(x.data.length);
      for (let i = 0; i < x.data.length; i++) {
        const h = 2 ** -8 * Math.max(1, Math.abs(x.data[i]));
        plus[i] = Math.fround(x.data[i] + h * v.data[i]);
        minus[i] = Math.fround(x.data[i] - h * v.data[i]);
      }
      const evalAt = (values: Float64Array) =>
        evaluate(() => {
          const xs = inputs.map((t, i) => (i === k ? toTensor({ ...x, data: values }) : t));
          return outputsOf(suite.run(xs, p.attrs));
        });
      const fp = await evalAt(plus);
      const fm = await evalAt(minus);
      let lhs = 0;
      let noise = 0;
      fp.forEach((o, i) => {
        for (let e = 0; e < o.length; e++) {
          lhs += (us[i].data[e] * (o[e] - fm[i][e])) / 2;
          noise += Math.abs(us[i].data[e]) * (Math.abs(o[e]) + Math.abs(fm[i][e]));
        }
      });
      const step = plus.map((pv, i) => (pv - minus[i]) / 2);
      const rhs = dot(grads[j], step);
      const allowed = 2e-2 * Math.max(Math.abs(lhs), Math.abs(rhs)) + 2 ** -18 * noise + 1e-7;
      if (!(Math.abs(lhs - rhs) <= allowed)) {
        return `input ${k}: central difference ${lhs.toExponential(6)} vs <VJP, step> ${rhs.toExponential(6)} (allowed ${allowed.toExponential(2)})`;
      }
    }
    return null;
  });
}

/** Float64 element-wise gradient check (eps 1e-6), for backends with float64. */
export async function checkGradient64(
  suite: OpSuite,
  p: PreparedCase,
  maxElements = 256,
): Promise<string | null> {
  const golden = p.golden;
  if (!golden) return 'no golden shapes for this case';
  const us = cotangentsFor(
    suite,
    p.spec,
    golden.outputs.map((o) => o.shape),
  );
  return withUploaded(
    [p.inputs, us],
    async (inputs, uTensors) => {
      const grads = await backendVjp(suite, p, inputs, uTensors);
      const eps = 1e-6;
      for (let j = 0; j < p.diff.length; j++) {
        const k = p.diff[j];
        const x = p.inputs[k];
        const n = Math.min(x.data.length, maxElements);
        const gmax = grads[j].reduce((m, g) => Math.max(m, Math.abs(g)), 0);
        for (let i = 0; i < n; i++) {
          const at = async (delta: number) => {
            const outs = await evaluate(() => {
              const data = Float64Array.from(x.data);
              data[i] += delta;
              const xs = inputs.map((t, m) => (m === k ? toTensor({ ...x, data }, 'float64') : t));
              return outputsOf(suite.run(xs, p.attrs));
            });
            return outs.reduce((s, o, oi) => s + dot(o, us[oi].data), 0);
          };
          const fd = ((await at(eps)) - (await at(-eps))) / (2 * eps);
          const g = grads[j][i];
          if (!(Math.abs(fd - g) <= 1e-5 * Math.abs(g) + 1e-6 * (1 + gmax))) {
            return `input ${k}[${i}]: float64 central difference ${fd} vs gradient ${g}`;
          }
        }
      }
      return null;
    },
    'float64',
  );
}

/**
 * Whether a case's second derivative is specified: not at a kink or a singular point (an infinite or
 * NaN first derivative), where it is a convention nobody defines; the first order is checked there.
 */
export function hasSecondOrder(p: PreparedCase): boolean {
  if (p.attrs.kink === true) return false;
  return !p.golden?.vjp?.some((g) => goldenValues(g, 'float64').some((v) => !Number.isFinite(v)));
}

/** The VJP of the VJP: gradient of <VJP(u), w> against the reference. */
export async function checkSecondOrder(suite: OpSuite, p: PreparedCase): Promise<string | null> {
  const golden = p.golden;
  if (!golden?.secondOrder) return 'no golden second-order values for this case';
  const us = cotangentsFor(
    suite,
    p.spec,
    golden.outputs.map((o) => o.shape),
  );
  return withUploaded([p.inputs, us, secondCotangentsFor(suite, p)], async (inputs, uTensors, ws) => {
    const second = await evaluate(() => {
      const f = partial(suite, p, inputs);
      const argnums = p.diff.map((_, j) => j);
      const inner = grad((...xs: Tensor[]) => pairing(f(...xs), uTensors), argnums);
      const outer = grad((...xs: Tensor[]) => pairing(inner(...xs) as Tensor[], ws), argnums);
      return outer(...p.diff.map((k) => inputs[k])) as Tensor[];
    });
    for (let j = 0; j < second.length; j++) {
      const m = mismatch(
        second[j],
        goldenValues(golden.secondOrder![j]),
        tol(suite, p, 16),
        `second order, input ${p.diff[j]}`,
      );
      if (m) return m;
    }
    return null;
  });
}

export interface LiveCount {
  tensors: number;
  bytes: number;
  buffers: number;
}

export function liveOn(backend: string): LiveCount {
  const m = memory().backends[backend];
  return { tensors: m?.tensors ?? 0, bytes: m?.bytes ?? 0, buffers: m?.buffers ?? 0 };
}

export function leakMessage(before: LiveCount, after: LiveCount): string | null {
  if (before.tensors === after.tensors && before.bytes === after.bytes && before.buffers === after.buffers)
    return null;
  return `live tensors ${before.tensors} -> ${after.tensors}, bytes ${before.bytes} -> ${after.bytes}, backend buffers ${before.buffers} -> ${after.buffers}`;
}
