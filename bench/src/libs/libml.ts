// libml: every backend listed in LIBML_BACKENDS (src/impls.ts), one process each.

import type * as Core from '@libml/core';
import {
  type Arr,
  addInputs,
  batchNormInputs,
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

export async function load(backend: string): Promise<Library> {
  const entry = LIBML_BACKENDS.find((b) => b.backend === backend);
  if (!entry) throw new Error(`libml has no backend '${backend}'`);
  if (entry.planned) throw new Error(`libml ${backend}: ${entry.planned}`);
  const ml: typeof Core = await import('@libml/core');
  await import(entry.pkg);
  await ml.setBackend(backend);
  await ml.ready();
  await entry.ready?.();
  const version = pkgVersion('@libml/core');

  const t = (a: Arr): Tensor => ml.keep(ml.tensor(a.data, a.shape, 'float32'));
  /** Runs `fn` in a tidy scope, reads every output back, frees them. */
  const prepared = (inputs: Tensor[], fn: () => Tensor[]): Prepared => ({
    async run(): Promise<Readback[]> {
      const outs = ml.tidy(fn);
      const data = await Promise.all(outs.map((o) => o.data() as Promise<Readback>));
      ml.dispose(outs);
      return data;
    },
    dispose: () => ml.dispose(inputs),
  });

  const matmul =
    (n: number): WorkloadImpl =>
    async () => {
      const { a, b } = matmulInputs(n);
      const [ta, tb] = [t(a), t(b)];
      return prepared([ta, tb], () => [ml.matmul(ta, tb)]);
    };

  const conv = (layout: 'NHWC' | 'NCHW'): WorkloadImpl => {
    return async () => {
      const c = convInputs();
      const x = t(layout === 'NHWC' ? c.xNhwc : c.xNchw);
      const w = t(layout === 'NHWC' ? c.wHwio : c.wOihw);
      return prepared([x, w], () => [ml.conv2d(x, w, { padding: 'same', dataFormat: layout })]);
    };
  };

  const convGrad = (layout: 'NHWC' | 'NCHW'): WorkloadImpl => {
    return async () => {
      const c = convInputs();
      const x = t(layout === 'NHWC' ? c.xNhwc : c.xNchw);
      const w = t(layout === 'NHWC' ? c.wHwio : c.wOihw);
      const dy = t(layout === 'NHWC' ? c.dyNhwc : c.dyNchw);
      const opts = { padding: 'same', dataFormat: layout } as const;
      return prepared([x, w, dy], () => {
        const { grads } = ml.vjp((xx: Tensor, ww: Tensor) => ml.conv2d(xx, ww, opts), [x, w], dy);
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
      return prepared([ta, tb], () => [ml.add(ta, tb)]);
    },
    'add-small-latency': async () => {
      const { a, b } = smallAddInputs();
      const [ta, tb] = [t(a), t(b)];
      return prepared([ta, tb], () => [ml.add(ta, tb)]);
    },
    softmax: async () => {
      const x = t(softmaxInput());
      return prepared([x], () => [ml.softmax(x, -1)]);
    },
    'batchnorm-train': async () => {
      const b = batchNormInputs();
      const [x, scale, offset] = [t(b.x), t(b.scale), t(b.offset)];
      return prepared([x, scale, offset], () => [
        ml.batchNorm(x, { training: true, scale, offset, epsilon: b.epsilon, dataFormat: 'NCHW' }).y,
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
      return prepared([x, labels, ...Object.values(params)], () => {
        const { value, grads } = step(params, x, labels);
        const updated = MLP_PARAM_NAMES.map((k) => ml.sub(params[k]!, ml.mul(grads[k]!, m.lr)));
        return [value, ...updated];
      });
    },
  };

  return {
    version,
    workloads,
    unsupported: {},
    info: { backend },
    memory: () => {
      const m = ml.memory();
      return { tensors: m.numTensors, bytes: m.numBytes };
    },
  };
}
