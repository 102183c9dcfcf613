// TensorFlow.js 4.22: tfjs-backend-cpu, tfjs-backend-wasm and tfjs-backend-webgpu (Dawn in Node). The
// union package @tensorflow/tfjs is imported for gradients (tf.grads and the gradient kernels).

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
import type { Library, Prepared, WorkloadImpl } from '../types.js';
import { pkgVersion } from '../util.js';
import { adapterText, installNodeWebGPU } from '../webgpu-node.js';

type Tf = typeof import('@tensorflow/tfjs');
type Tensor = import('@tensorflow/tfjs').Tensor;

export async function load(backend: string): Promise<Library> {
  let adapter: Record<string, string> | undefined;
  if (backend === 'webgpu') adapter = (await installNodeWebGPU()).adapter;
  // Silence the "install tfjs-node" banner; the bench measures the pure-JS backends on purpose.
  const warn = console.warn;
  console.warn = () => {};
  const tf: Tf = await import('@tensorflow/tfjs');
  if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else if (backend === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else throw new Error(`tfjs: unknown backend '${backend}'`);
  const ok = await tf.setBackend(backend);
  await tf.ready();
  console.warn = warn;
  if (!ok || tf.getBackend() !== backend) throw new Error(`tfjs: backend '${backend}' failed to initialise`);

  const info: Record<string, string> = { backend };
  if (backend === 'wasm') {
    info.simd = String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    info.threads = String(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  }
  if (adapter) info.adapter = adapterText(adapter);

  const t = (a: Arr): Tensor => tf.tensor(a.data, a.shape, 'float32');
  const prepared = (inputs: Tensor[], fn: () => Tensor[]): Prepared => ({
    async run(): Promise<Readback[]> {
      const outs = tf.tidy(fn);
      const data = await Promise.all(outs.map((o) => o.data() as Promise<Readback>));
      tf.dispose(outs);
      return data;
    },
    dispose: () => tf.dispose(inputs),
  });

  const matmul =
    (n: number): WorkloadImpl =>
    async () => {
      const { a, b } = matmulInputs(n);
      const [ta, tb] = [t(a), t(b)];
      return prepared([ta, tb], () => [tf.matMul(ta, tb)]);
    };
  // tfjs filters are HWIO for both data formats.
  const conv = (layout: 'NHWC' | 'NCHW'): WorkloadImpl => {
    return async () => {
      const c = convInputs();
      const x = t(layout === 'NHWC' ? c.xNhwc : c.xNchw) as import('@tensorflow/tfjs').Tensor4D;
      const w = t(c.wHwio) as import('@tensorflow/tfjs').Tensor4D;
      return prepared([x, w], () => [tf.conv2d(x, w, 1, 'same', layout)]);
    };
  };
  const convGrad = (layout: 'NHWC' | 'NCHW'): WorkloadImpl => {
    return async () => {
      const c = convInputs();
      const x = t(layout === 'NHWC' ? c.xNhwc : c.xNchw);
      const w = t(c.wHwio);
      const dy = t(layout === 'NHWC' ? c.dyNhwc : c.dyNchw);
      const g = tf.grads((xx: Tensor, ww: Tensor) =>
        tf.conv2d(
          xx as import('@tensorflow/tfjs').Tensor4D,
          ww as import('@tensorflow/tfjs').Tensor4D,
          1,
          'same',
          layout,
        ),
      );
      return prepared([x, w, dy], () => {
        const [dx, dw] = g([x, w], dy);
        // tfjs filters (and so dw) are HWIO in both layouts; libml's NCHW filter is OIHW.
        return [dx!, layout === 'NCHW' ? tf.transpose(dw!, [3, 2, 0, 1]) : dw!];
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
      return prepared([ta, tb], () => [tf.add(ta, tb)]);
    },
    'add-small-latency': async () => {
      const { a, b } = smallAddInputs();
      const [ta, tb] = [t(a), t(b)];
      return prepared([ta, tb], () => [tf.add(ta, tb)]);
    },
    softmax: async () => {
      const x = t(softmaxInput());
      return prepared([x], () => [tf.softmax(x, -1)]);
    },
    'batchnorm-train': async () => {
      // No training-mode op in tfjs: batch moments, then the normalisation as broadcasting ops. (The fused
      // tf.batchNorm kernels of tfjs-cpu/wasm index mean/variance as channels-last, wrong for NCHW.)
      const b = batchNormInputs();
      const c = b.scale.shape[0]!;
      const x = t(b.x);
      const scale = tf.tensor4d(b.scale.data, [1, c, 1, 1]);
      const offset = tf.tensor4d(b.offset.data, [1, c, 1, 1]);
      return prepared([x, scale, offset], () => {
        const { mean, variance } = tf.moments(x, [0, 2, 3], true);
        const inv = tf.mul(tf.rsqrt(tf.add(variance, b.epsilon)), scale);
        return [tf.add(tf.mul(tf.sub(x, mean), inv), offset)];
      });
    },
    'mlp-train': async () => {
      const m = mlpInputs();
      const x = t(m.x);
      const y = t(m.oneHot);
      const params = MLP_PARAM_NAMES.map((k) => t(m.params[k]));
      const loss = (w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor, w3: Tensor, b3: Tensor): Tensor => {
        const h1 = tf.relu(tf.add(tf.matMul(x, w1), b1));
        const h2 = tf.relu(tf.add(tf.matMul(h1, w2), b2));
        const logits = tf.add(tf.matMul(h2, w3), b3);
        return tf.losses.softmaxCrossEntropy(y, logits);
      };
      const step = tf.valueAndGrads(loss as (...a: Tensor[]) => Tensor);
      return prepared([x, y, ...params], () => {
        const { value, grads } = step(params);
        return [value, ...params.map((p, i) => tf.sub(p, tf.mul(grads[i]!, m.lr)))];
      });
    },
  };

  const unsupported: Record<string, string> = {};
  if (backend === 'wasm') {
    delete workloads['conv2d-nchw'];
    unsupported['conv2d-nchw'] = "tfjs-backend-wasm Conv2D supports dataFormat 'NHWC' (channelsLast) only";
  }
  for (const k of ['Conv2DBackpropInput', 'Conv2DBackpropFilter']) {
    if (!tf.getKernel(k, backend)) {
      for (const w of ['conv2d-grad-nhwc', 'conv2d-grad-nchw']) {
        delete workloads[w];
        unsupported[w] = `tfjs-backend-${backend} registers no ${k} kernel`;
      }
    }
  }
  return {
    version: pkgVersion('@tensorflow/tfjs-core'),
    workloads,
    unsupported,
    info,
    memory: () => {
      const mem = tf.memory();
      return { tensors: mem.numTensors, bytes: mem.numBytes };
    },
  };
}
