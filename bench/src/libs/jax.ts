// jax-js 0.1.25: the wasm device eagerly ('wasm') and under jit ('wasm-jit'), and the webgpu device under
// jit ('webgpu', Dawn in Node). Node 20 needs stand-ins: navigator.userAgent / hardwareConcurrency (read
// by the kernel tuner and the thread pool) and a global Worker over worker_threads for the wasm threads.
// jax-js arrays are reference-counted and every call consumes its arguments: inputs are passed as `.ref`.

import type * as Jax from '@jax-js/jax';
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
import type { Library, Prepared } from '../types.js';
import { pkgVersion } from '../util.js';
import { adapterText, installNodeWebGPU } from '../webgpu-node.js';
import { installWorkerShim } from '../worker-shim.js';

type JArray = Jax.Array;
type Fn = (...xs: JArray[]) => JArray | JArray[];

export async function load(backend: string): Promise<Library> {
  const device = backend === 'webgpu' ? 'webgpu' : 'wasm';
  const useJit = backend !== 'wasm';
  let adapter: Record<string, string> | undefined;
  if (device === 'webgpu') adapter = (await installNodeWebGPU()).adapter;
  else {
    const os = await import('node:os');
    const nav = (globalThis as { navigator?: object }).navigator ?? {};
    Object.defineProperty(globalThis, 'navigator', {
      value: { hardwareConcurrency: os.cpus().length, userAgent: `Node.js/${process.version}`, ...nav },
      configurable: true,
      writable: true,
    });
  }
  installWorkerShim();
  const jax: typeof Jax = await import('@jax-js/jax');
  const np = jax.numpy;
  const got = await jax.init(device);
  if (!got.includes(device))
    throw new Error(`jax-js: device '${device}' did not initialise (got ${got.join(', ')})`);
  jax.defaultDevice(device);
  const info: Record<string, string> = { backend: `${device}${useJit ? ' + jit' : ' eager'}` };
  if (adapter) info.adapter = adapterText(adapter);
  if (device === 'wasm')
    info.threads = String(
      (globalThis as unknown as { navigator: { hardwareConcurrency: number } }).navigator.hardwareConcurrency,
    );

  const arr = (a: Arr): JArray => np.array(a.data, { shape: a.shape, dtype: np.float32 });
  /** `fn` consumes its arguments; each run passes fresh references so the inputs stay alive. */
  const prepared = (inputs: JArray[], fn: Fn): Prepared => {
    const f = useJit ? (jax.jit(fn) as unknown as Fn) : fn;
    return {
      async run(): Promise<Readback[]> {
        const out = f(...inputs.map((x) => x.ref));
        const list = Array.isArray(out) ? out : [out];
        return Promise.all(list.map((o) => o.data() as Promise<Readback>));
      },
      dispose: () => {
        for (const x of inputs) x.dispose();
        if (useJit) (f as unknown as { dispose?: () => void }).dispose?.();
      },
    };
  };
  const binary = (a: Arr, b: Arr, fn: Fn) => async () => prepared([arr(a), arr(b)], fn);
  const matmul = (n: number) => {
    const { a, b } = matmulInputs(n);
    return binary(a, b, (x, y) => np.matmul(x, y));
  };
  const c = convInputs();
  const conv = (x: JArray, w: JArray) => jax.lax.conv(x, w, [1, 1], 'SAME');

  const workloads: Library['workloads'] = {
    'matmul-128': matmul(128),
    'matmul-256': matmul(256),
    'matmul-512': matmul(512),
    'matmul-1024': matmul(1024),
    'conv2d-nchw': binary(c.xNchw, c.wOihw, conv),
    'conv2d-grad-nchw': async () =>
      prepared([arr(c.xNchw), arr(c.wOihw), arr(c.dyNchw)], (x, w, dy) => {
        const [y, back] = jax.vjp(conv, [x, w]);
        y.dispose();
        const [dx, dw] = back(dy) as JArray[];
        back.dispose();
        return [dx!, dw!];
      }),
    'add-1m': (() => {
      const { a, b } = addInputs();
      return binary(a, b, (x, y) => np.add(x, y));
    })(),
    'add-small-latency': (() => {
      const { a, b } = smallAddInputs();
      return binary(a, b, (x, y) => np.add(x, y));
    })(),
    softmax: async () => prepared([arr(softmaxInput())], (x) => jax.nn.softmax(x, -1)),
    'batchnorm-train': async () => {
      const b = batchNormInputs();
      const ch = b.scale.shape[0]!;
      const scale = np.array(b.scale.data, { shape: [1, ch, 1, 1], dtype: np.float32 });
      const offset = np.array(b.offset.data, { shape: [1, ch, 1, 1], dtype: np.float32 });
      return prepared([arr(b.x), scale, offset], (x, s, o) => {
        const mean = np.mean(x.ref, [0, 2, 3], { keepdims: true });
        const d = x.sub(mean);
        const v = np.mean(np.square(d.ref), [0, 2, 3], { keepdims: true });
        return d
          .mul(s)
          .div(np.sqrt(v.add(b.epsilon)))
          .add(o);
      });
    },
    'mlp-train': async () => {
      const m = mlpInputs();
      const params = MLP_PARAM_NAMES.map((k) => arr(m.params[k]));
      const loss = (p: JArray[], x: JArray, y: JArray): JArray => {
        const [w1, b1, w2, b2, w3, b3] = p as [JArray, JArray, JArray, JArray, JArray, JArray];
        const h1 = jax.nn.relu(np.matmul(x, w1).add(b1));
        const h2 = jax.nn.relu(np.matmul(h1, w2).add(b2));
        const logits = np.matmul(h2, w3).add(b3);
        return np.mean(np.sum(jax.nn.logSoftmax(logits, -1).mul(y), -1)).mul(-1);
      };
      const vg = jax.valueAndGrad(loss);
      return prepared([arr(m.x), arr(m.oneHot), ...params], (x, y, ...p) => {
        const [value, grads] = vg(
          p.map((t) => t.ref),
          x,
          y,
        ) as unknown as [JArray, JArray[]];
        return [value, ...p.map((t, i) => t.sub(grads[i]!.mul(m.lr)))];
      });
    },
  };
  return {
    version: pkgVersion('@jax-js/jax'),
    workloads,
    unsupported: {
      'conv2d-nhwc': 'jax-js lax.conv takes NCHW/OIHW only (no dimension_numbers)',
      'conv2d-grad-nhwc': 'jax-js lax.conv takes NCHW/OIHW only (no dimension_numbers)',
    },
    info,
  };
}
