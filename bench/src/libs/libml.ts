// libml: every backend listed in LIBML_BACKENDS (src/impls.ts), one process each.

import type * as Core from '@libml/core';
import {
  type Arr,
  addInputs,
  batchNormInputs,
  CNN_PARAM_NAMES,
  cnnInputs,
  convInputs,
  MLP_PARAM_NAMES,
  matmulInputs,
  mlpInputs,
  type Readback,
  smallAddInputs,
  softmaxInput,
} from '../data.js';
import { LIBML_BACKENDS } from '../impls.js';
import type { Library, Prepared, WorkloadImpl } from '../types.js';
import { pkgVersion } from '../util.js';

type Tensor = Core.Tensor;

export async function load(name: string): Promise<Library> {
  // 'wasm-jit': the wasm backend with every workload's function compiled by jit.
  const useJit = name.endsWith('-jit');
  const backend = useJit ? name.slice(0, -'-jit'.length) : name;
  const entry = LIBML_BACKENDS.find((b) => b.backend === backend);
  if (!entry) throw new Error(`libml has no backend '${backend}'`);
  if (entry.planned) throw new Error(`libml ${backend}: ${entry.planned}`);
  const ml: typeof Core = await import('@libml/core');
  const pkg = (await import(entry.pkg)) as Record<string, unknown>;
  entry.register?.(pkg, (n, factory) => ml.registerBackend(n, factory as () => Core.Backend));
  await ml.setBackend(backend);
  await ml.ready();
  await entry.ready?.();
  const version = pkgVersion('@libml/core');

  const t = (a: Arr): Tensor => ml.keep(ml.tensor(a.data, a.shape, 'float32'));
  /**
   * Runs `fn(...inputs)` in a tidy scope (under jit: the compiled function), reads every output back,
   * frees them. `fn` must read its tensors from its arguments: jit holds tensors it closes over as
   * constants and would fold the whole workload away.
   */
  const prepared = (inputs: Tensor[], fn: (...xs: Tensor[]) => Tensor[]): Prepared => {
    const compiled = useJit ? ml.jit(fn) : undefined;
    return {
      async run(): Promise<Readback[]> {
        const outs = ml.tidy(() => (compiled ? compiled(...inputs) : fn(...inputs)));
        const data = await Promise.all(outs.map((o) => o.data() as Promise<Readback>));
        ml.dispose(outs);
        return data;
      },
      dispose: () => {
        compiled?.dispose();
        ml.dispose(inputs);
      },
    };
  };

  const matmul =
    (n: number): WorkloadImpl =>
    async () => {
      const { a, b } = matmulInputs(n);
      const [ta, tb] = [t(a), t(b)];
      return prepared([ta, tb], (a, b) => [ml.matmul(a, b)]);
    };

  const conv = (layout: 'NHWC' | 'NCHW'): WorkloadImpl => {
    return async () => {
      const c = convInputs();
      const x = t(layout === 'NHWC' ? c.xNhwc : c.xNchw);
      const w = t(layout === 'NHWC' ? c.wHwio : c.wOihw);
      return prepared([x, w], (xx, ww) => [ml.conv2d(xx, ww, { padding: 'same', dataFormat: layout })]);
    };
  };

  const convGrad = (layout: 'NHWC' | 'NCHW'): WorkloadImpl => {
    return async () => {
      const c = convInputs();
      const x = t(layout === 'NHWC' ? c.xNhwc : c.xNchw);
      const w = t(layout === 'NHWC' ? c.wHwio : c.wOihw);
      const dy = t(layout === 'NHWC' ? c.dyNhwc : c.dyNchw);
      const opts = { padding: 'same', dataFormat: layout } as const;
      return prepared([x, w, dy], (x0, w0, dy0) => {
        const { grads } = ml.vjp((xx: Tensor, ww: Tensor) => ml.conv2d(xx, ww, opts), [x0, w0], dy0);
        return [grads[0], grads[1]];
      });
    };
  };

  const workloads: Library['workloads'] = {
    'matmul-128': matmul(128),
    'matmul-256': matmul(256),
    'matmul-512': matmul(512),
    'matmul-1024': matmul(1024),
    'conv2d-nhwc': conv('NHWC'),
    'conv2d-nchw': conv('NCHW'),
    'conv2d-grad-nhwc': convGrad('NHWC'),
    'conv2d-grad-nchw': convGrad('NCHW'),
    'add-1m': async () => {
      const { a, b } = addInputs();
      const [ta, tb] = [t(a), t(b)];
      return prepared([ta, tb], (a, b) => [ml.add(a, b)]);
    },
    'add-small-latency': async () => {
      const { a, b } = smallAddInputs();
      const [ta, tb] = [t(a), t(b)];
      return prepared([ta, tb], (a, b) => [ml.add(a, b)]);
    },
    softmax: async () => {
      const x = t(softmaxInput());
      return prepared([x], (xx) => [ml.softmax(xx, -1)]);
    },
    'batchnorm-train': async () => {
      const b = batchNormInputs();
      const [x, scale, offset] = [t(b.x), t(b.scale), t(b.offset)];
      return prepared([x, scale, offset], (xx, s, o) => [
        ml.batchNorm(xx, { training: true, scale: s, offset: o, epsilon: b.epsilon, dataFormat: 'NCHW' }).y,
      ]);
    },
    'mlp-train': async () => {
      const m = mlpInputs();
      const x = t(m.x);
      const labels = ml.keep(ml.tensor(m.labels, [m.labels.length], 'int32'));
      const params: Record<string, Tensor> = {};
      for (const k of MLP_PARAM_NAMES) params[k] = t(m.params[k]);
      const loss = (p: Record<string, Tensor>, xb: Tensor, yb: Tensor): Tensor => {
        const h1 = ml.relu(ml.add(ml.matmul(xb, p.w1!), p.b1!));
        const h2 = ml.relu(ml.add(ml.matmul(h1, p.w2!), p.b2!));
        const logits = ml.add(ml.matmul(h2, p.w3!), p.b3!);
        return ml.softmaxCrossEntropy(logits, yb);
      };
      const step = ml.valueAndGrad(loss);
      const names = Object.keys(params);
      return prepared([x, labels, ...Object.values(params)], (xb, yb, ...ps) => {
        const p = Object.fromEntries(names.map((k, i) => [k, ps[i]!]));
        const { value, grads } = step(p, xb, yb);
        const updated = MLP_PARAM_NAMES.map((k) => ml.sub(p[k]!, ml.mul(grads[k]!, m.lr)));
        return [value, ...updated];
      });
    },
    'cnn-digits-train': async () => {
      const c = cnnInputs();
      const x = t(c.x);
      const labels = ml.keep(ml.tensor(c.labels, [c.labels.length], 'int32'));
      const params = CNN_PARAM_NAMES.map((k) => t(c.params[k]));
      type P = Record<(typeof CNN_PARAM_NAMES)[number], Tensor>;
      const block = (h: Tensor, filter: Tensor, scale: Tensor, offset: Tensor) => {
        const conv = ml.conv2d(h, filter, { padding: 'same', dataFormat: 'NCHW' });
        const bn = ml.batchNorm(conv, { training: true, scale, offset, epsilon: 1e-5, dataFormat: 'NCHW' }).y;
        return ml.maxPool2d(ml.relu(bn), { kernelSize: 2, dataFormat: 'NCHW' });
      };
      const loss = (p: P, xb: Tensor, yb: Tensor): Tensor => {
        const h = block(block(xb, p.c1, p.g1, p.o1), p.c2, p.g2, p.o2);
        const logits = ml.add(ml.matmul(ml.reshape(h, [h.shape[0]!, -1]), p.w), p.b);
        return ml.softmaxCrossEntropy(logits, yb);
      };
      const step = ml.valueAndGrad(loss);
      return prepared([x, labels, ...params], (xb, yb, ...ps) => {
        const p = Object.fromEntries(CNN_PARAM_NAMES.map((k, i) => [k, ps[i]!])) as P;
        const { value, grads } = step(p, xb, yb);
        return [value, ...CNN_PARAM_NAMES.map((k) => ml.sub(p[k], ml.mul(grads[k], c.lr)))];
      });
    },
  };

  return {
    version,
    workloads,
    unsupported: {},
    info: { backend: useJit ? `${backend} + jit` : backend },
    memory: () => {
      const m = ml.memory();
      return { tensors: m.numTensors, bytes: m.numBytes };
    },
  };
}
