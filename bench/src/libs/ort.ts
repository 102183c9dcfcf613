// onnxruntime-node (native CPU execution provider): the near-hardware ceiling. Each workload is a tiny
// ONNX graph encoded in memory (src/onnx.ts). ONNX Runtime has no autodiff: the conv gradients are the
// standard adjoint convolutions and the MLP step is a hand-written forward+backward+SGD graph.

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
import { encodeModel, type OnnxNode, type OnnxValue } from '../onnx.js';
import type { Library, Prepared, WorkloadImpl } from '../types.js';
import { pkgVersion } from '../util.js';
import { MLP } from '../workloads.js';

type Ort = typeof import('onnxruntime-node');

const val = (name: string, a: Arr): OnnxValue => ({ name, shape: a.shape });
const shapeOf = (a: Arr) => a.shape;

export async function load(backend: string): Promise<Library> {
  if (backend !== 'cpu')
    throw new Error(`ort: only the cpu execution provider is measured (got '${backend}')`);
  const ort: Ort = await import('onnxruntime-node');
  const info: Record<string, string> = { backend: 'cpu EP' };

  const session = async (
    name: string,
    nodes: OnnxNode[],
    inputs: Record<string, Arr>,
    outputs: OnnxValue[],
  ): Promise<Prepared> => {
    const bytes = encodeModel({
      name,
      nodes,
      inputs: Object.entries(inputs).map(([k, a]) => val(k, a)),
      outputs,
    });
    const s = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
    const feeds: Record<string, import('onnxruntime-node').Tensor> = {};
    for (const [k, a] of Object.entries(inputs)) feeds[k] = new ort.Tensor('float32', a.data, a.shape);
    return {
      async run(): Promise<Readback[]> {
        const out = await s.run(feeds);
        return outputs.map((o) => out[o.name]!.data as Float32Array);
      },
      dispose: () => void s.release(),
    };
  };
  const out = (name: string, shape: (number | string)[]): OnnxValue => ({ name, shape });

  // Start-up includes one session: the native library and its thread pools initialise on first use.
  {
    const a = { data: new Float32Array(4), shape: [4] };
    const p = await session('warm', [{ op: 'Add', inputs: ['a', 'b'], outputs: ['y'] }], { a, b: a }, [
      out('y', [4]),
    ]);
    await p.run();
    p.dispose?.();
  }

  const matmul =
    (n: number): WorkloadImpl =>
    () => {
      const { a, b } = matmulInputs(n);
      return session('matmul', [{ op: 'MatMul', inputs: ['a', 'b'], outputs: ['y'] }], { a, b }, [
        out('y', [n, n]),
      ]);
    };
  const convAttrs = { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] };
  const c = convInputs();
  const yNchw = [c.xNchw.shape[0]!, c.wOihw.shape[0]!, c.xNchw.shape[2]!, c.xNchw.shape[3]!];
  const yNhwc = [yNchw[0]!, yNchw[2]!, yNchw[3]!, yNchw[1]!];

  // Conv gradients in NCHW: dx = ConvTranspose(dy, w); dw = Conv over the batch axis:
  // dw[o,i] = Conv(x^T [I,N,H,W], dy^T [O,N,H,W]) transposed back to OIHW.
  const convGradNodes = (dy: string, x: string, w: string, dx: string, dw: string): OnnxNode[] => [
    { op: 'ConvTranspose', inputs: [dy, w], outputs: [dx], attrs: convAttrs },
    { op: 'Transpose', inputs: [x], outputs: ['xT'], attrs: { perm: [1, 0, 2, 3] } },
    { op: 'Transpose', inputs: [dy], outputs: ['dyT'], attrs: { perm: [1, 0, 2, 3] } },
    { op: 'Conv', inputs: ['xT', 'dyT'], outputs: ['dwT'], attrs: { pads: [1, 1, 1, 1] } },
    { op: 'Transpose', inputs: ['dwT'], outputs: [dw], attrs: { perm: [1, 0, 2, 3] } },
  ];

  const workloads: Library['workloads'] = {
    'matmul-128': matmul(128),
    'matmul-256': matmul(256),
    'matmul-512': matmul(512),
    'matmul-1024': matmul(1024),
    'conv2d-nchw': () =>
      session(
        'conv',
        [{ op: 'Conv', inputs: ['x', 'w'], outputs: ['y'], attrs: convAttrs }],
        { x: c.xNchw, w: c.wOihw },
        [out('y', yNchw)],
      ),
    // ONNX Conv is NCHW-only: NHWC data goes through Transpose -> Conv -> Transpose.
    'conv2d-nhwc': () =>
      session(
        'conv-nhwc',
        [
          { op: 'Transpose', inputs: ['x'], outputs: ['xc'], attrs: { perm: [0, 3, 1, 2] } },
          { op: 'Conv', inputs: ['xc', 'w'], outputs: ['yc'], attrs: convAttrs },
          { op: 'Transpose', inputs: ['yc'], outputs: ['y'], attrs: { perm: [0, 2, 3, 1] } },
        ],
        { x: c.xNhwc, w: c.wOihw },
        [out('y', yNhwc)],
      ),
    'conv2d-grad-nchw': () =>
      session(
        'conv-grad',
        convGradNodes('dy', 'x', 'w', 'dx', 'dw'),
        { x: c.xNchw, w: c.wOihw, dy: c.dyNchw },
        [out('dx', shapeOf(c.xNchw)), out('dw', shapeOf(c.wOihw))],
      ),
    'conv2d-grad-nhwc': () =>
      session(
        'conv-grad-nhwc',
        [
          { op: 'Transpose', inputs: ['x'], outputs: ['xc'], attrs: { perm: [0, 3, 1, 2] } },
          { op: 'Transpose', inputs: ['dy'], outputs: ['dyc'], attrs: { perm: [0, 3, 1, 2] } },
          { op: 'Transpose', inputs: ['w'], outputs: ['wc'], attrs: { perm: [3, 2, 0, 1] } },
          ...convGradNodes('dyc', 'xc', 'wc', 'dxc', 'dwc'),
          { op: 'Transpose', inputs: ['dxc'], outputs: ['dx'], attrs: { perm: [0, 2, 3, 1] } },
          { op: 'Transpose', inputs: ['dwc'], outputs: ['dw'], attrs: { perm: [2, 3, 1, 0] } },
        ],
        { x: c.xNhwc, w: c.wHwio, dy: c.dyNhwc },
        [out('dx', shapeOf(c.xNhwc)), out('dw', shapeOf(c.wHwio))],
      ),
    'add-1m': () => {
      const { a, b } = addInputs();
      return session('add', [{ op: 'Add', inputs: ['a', 'b'], outputs: ['y'] }], { a, b }, [
        out('y', a.shape),
      ]);
    },
    'add-small-latency': () => {
      const { a, b } = smallAddInputs();
      return session('add', [{ op: 'Add', inputs: ['a', 'b'], outputs: ['y'] }], { a, b }, [
        out('y', a.shape),
      ]);
    },
    softmax: () => {
      const x = softmaxInput();
      return session(
        'softmax',
        [{ op: 'Softmax', inputs: ['x'], outputs: ['y'], attrs: { axis: -1 } }],
        { x },
        [out('y', x.shape)],
      );
    },
    'batchnorm-train': async () => {
      const b = batchNormInputs();
      const ch = b.scale.shape[0]!;
      try {
        // BatchNormalization-15 in training mode (batch statistics, updated running statistics).
        const p = await session(
          'bn',
          [
            {
              op: 'BatchNormalization',
              inputs: ['x', 'scale', 'offset', 'mean', 'var'],
              outputs: ['y', 'rm', 'rv'],
              attrs: { epsilon: { float: b.epsilon }, momentum: { float: 0.9 }, training_mode: 1 },
            },
          ],
          {
            x: b.x,
            scale: b.scale,
            offset: b.offset,
            mean: { data: new Float32Array(ch), shape: [ch] },
            var: { data: new Float32Array(ch).fill(1), shape: [ch] },
          },
          [out('y', b.x.shape)],
        );
        await p.run();
        info['batchnorm-train'] = 'BatchNormalization training_mode=1';
        return p;
      } catch {
        // CPU builds without training kernels reject training_mode: the same maths as plain ops.
        info['batchnorm-train'] =
          'decomposed (ReduceMean/Sub/Mul/Sqrt): BatchNormalization training_mode unsupported';
        const axes = { axes: [0, 2, 3], keepdims: 1 };
        return session(
          'bn-decomposed',
          [
            { op: 'ReduceMean', inputs: ['x'], outputs: ['m'], attrs: axes },
            { op: 'Sub', inputs: ['x', 'm'], outputs: ['d'] },
            { op: 'Mul', inputs: ['d', 'd'], outputs: ['d2'] },
            { op: 'ReduceMean', inputs: ['d2'], outputs: ['v'], attrs: axes },
            { op: 'Constant', inputs: [], outputs: ['eps'], attrs: { value_float: { float: b.epsilon } } },
            { op: 'Add', inputs: ['v', 'eps'], outputs: ['ve'] },
            { op: 'Sqrt', inputs: ['ve'], outputs: ['sd'] },
            { op: 'Div', inputs: ['d', 'sd'], outputs: ['n'] },
            { op: 'Mul', inputs: ['n', 'scale'], outputs: ['ns'] },
            { op: 'Add', inputs: ['ns', 'offset'], outputs: ['y'] },
          ],
          {
            x: b.x,
            scale: { data: b.scale.data, shape: [1, ch, 1, 1] },
            offset: { data: b.offset.data, shape: [1, ch, 1, 1] },
          },
          [out('y', b.x.shape)],
        );
      }
    },
    'mlp-train': () => {
      const m = mlpInputs();
      const B = MLP.batch;
      const k = (name: string, v: number): OnnxNode => ({
        op: 'Constant',
        inputs: [],
        outputs: [name],
        attrs: { value_float: { float: v } },
      });
      const nodes: OnnxNode[] = [
        k('zero', 0),
        k('invB', 1 / B),
        k('negInvB', -1 / B),
        k('lr', m.lr),
        { op: 'Constant', inputs: [], outputs: ['ax0'], attrs: { value_ints: [0] } },
        // Forward.
        { op: 'MatMul', inputs: ['x', 'w1'], outputs: ['z1'] },
        { op: 'Add', inputs: ['z1', 'b1'], outputs: ['a1'] },
        { op: 'Relu', inputs: ['a1'], outputs: ['h1'] },
        { op: 'MatMul', inputs: ['h1', 'w2'], outputs: ['z2'] },
        { op: 'Add', inputs: ['z2', 'b2'], outputs: ['a2'] },
        { op: 'Relu', inputs: ['a2'], outputs: ['h2'] },
        { op: 'MatMul', inputs: ['h2', 'w3'], outputs: ['z3'] },
        { op: 'Add', inputs: ['z3', 'b3'], outputs: ['logits'] },
        { op: 'LogSoftmax', inputs: ['logits'], outputs: ['ls'], attrs: { axis: -1 } },
        { op: 'Mul', inputs: ['y', 'ls'], outputs: ['yls'] },
        { op: 'ReduceSum', inputs: ['yls'], outputs: ['s'], attrs: { keepdims: 0 } },
        { op: 'Mul', inputs: ['s', 'negInvB'], outputs: ['loss'] },
        // Backward: d logits = (softmax - y) / B.
        { op: 'Exp', inputs: ['ls'], outputs: ['p'] },
        { op: 'Sub', inputs: ['p', 'y'], outputs: ['pmy'] },
        { op: 'Mul', inputs: ['pmy', 'invB'], outputs: ['g3'] },
        { op: 'Gemm', inputs: ['h2', 'g3'], outputs: ['dw3'], attrs: { transA: 1 } },
        { op: 'ReduceSum', inputs: ['g3', 'ax0'], outputs: ['db3'], attrs: { keepdims: 0 } },
        { op: 'Gemm', inputs: ['g3', 'w3'], outputs: ['dh2'], attrs: { transB: 1 } },
        { op: 'Greater', inputs: ['a2', 'zero'], outputs: ['m2b'] },
        { op: 'Cast', inputs: ['m2b'], outputs: ['m2'], attrs: { to: 1 } },
        { op: 'Mul', inputs: ['dh2', 'm2'], outputs: ['g2'] },
        { op: 'Gemm', inputs: ['h1', 'g2'], outputs: ['dw2'], attrs: { transA: 1 } },
        { op: 'ReduceSum', inputs: ['g2', 'ax0'], outputs: ['db2'], attrs: { keepdims: 0 } },
        { op: 'Gemm', inputs: ['g2', 'w2'], outputs: ['dh1'], attrs: { transB: 1 } },
        { op: 'Greater', inputs: ['a1', 'zero'], outputs: ['m1b'] },
        { op: 'Cast', inputs: ['m1b'], outputs: ['m1'], attrs: { to: 1 } },
        { op: 'Mul', inputs: ['dh1', 'm1'], outputs: ['g1'] },
        { op: 'Gemm', inputs: ['x', 'g1'], outputs: ['dw1'], attrs: { transA: 1 } },
        { op: 'ReduceSum', inputs: ['g1', 'ax0'], outputs: ['db1'], attrs: { keepdims: 0 } },
        // SGD.
        ...MLP_PARAM_NAMES.flatMap((p): OnnxNode[] => [
          { op: 'Mul', inputs: [`d${p}`, 'lr'], outputs: [`s${p}`] },
          { op: 'Sub', inputs: [p, `s${p}`], outputs: [`n${p}`] },
        ]),
      ];
      const inputs: Record<string, Arr> = { x: m.x, y: m.oneHot };
      for (const p of MLP_PARAM_NAMES) inputs[p] = m.params[p];
      return session('mlp-train', nodes, inputs, [
        out('loss', []),
        ...MLP_PARAM_NAMES.map((p) => out(`n${p}`, m.params[p].shape)),
      ]);
    },
  };
  info.notes = 'no autodiff: conv gradients and the MLP step are hand-written graphs';
  return { version: pkgVersion('onnxruntime-node'), workloads, info };
}
