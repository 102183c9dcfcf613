// fusedConv2d (jit): conv2d with an elementwise epilogue (bias, activation, scaling, several outputs)
// applied in the implicit GEMM's store step, so the convolution's result never reaches memory. The GEMM is
// conv2d's (conv2dGemm: the same strategy per adapter, tiles.convKind: 'lanes' output positions along the
// invocations, or the 'shared' tiles), every layout, group count, stride, dilation and padding it takes.
// Its store is generated per epilogue program: the result element at output (nb, o, oh, ow) is the
// program's input 0, input k >= 1 is extra input k - 1 read broadcast to the result's shape (contiguous,
// single-element, or through four strides over (n, o, oh, ow) in the params uniform), and every program
// output is written at the result's index in the data layout. The store runs from one loop over the
// register block (both strategies), so the epilogue is inlined once per shader, not per element.
// Pipelines are cached by conv2d's variant, the program's key, the extra inputs' layouts and the output
// dtypes.
//
// Bindings: x, filter, the extra inputs and the outputs, each a storage buffer; more than the device's
// maxStorageBuffersPerShaderStage throws a BackendError before anything is allocated (jit keeps fused
// kernels within capabilities.fusedBindings).

import { BackendError, type FusedAttrs } from '@libml/core';
import { PARAM_WORDS } from '../gpu.js';
import { conv2dGemm } from './conv2d.js';
import type { GpuKernel } from './types.js';
import { operandLayouts } from './util/elementwise.js';
import { checkFusedIo, fusedFunction, programConstants } from './util/fused.js';
import { runGemm } from './util/gemm.js';
import { allocOutput, broadcastStrides, dataOf, wgslType } from './util/wgsl.js';

export const fusedConv2d: GpuKernel<FusedAttrs['fusedConv2d']> = (gpu, inputs, attrs, outputs) => {
  const op = 'fusedConv2d';
  const [x, filter, ...extras] = inputs;
  const { epilogue, ...convAttrs } = attrs;
  checkFusedIo(gpu, op, inputs.length, outputs.length, epilogue.outputs.length, 'epilogue');
  const shape = outputs[0].shape;
  if (shape.length !== 4 || outputs.some((o) => o.shape.join() !== shape.join())) {
    throw new BackendError(op, 'every output must have the rank-4 shape of the convolution');
  }
  if (x.dtype !== 'float32' || filter.dtype !== 'float32') {
    throw new BackendError(op, `conv2d takes float32 operands, not ${x.dtype} and ${filter.dtype}`);
  }
  const { spec: base, a, b, position } = conv2dGemm(gpu, x, filter, shape, convAttrs);
  const extraTypes = extras.map((t) => wgslType(t.dtype));
  const outTypes = outputs.map((o) => wgslType(o.dtype));
  const { layouts, stridedIdx } = operandLayouts(
    extras.map((t) => t.shape),
    shape,
  );
  // Strided extra inputs: their broadcast strides over the result's (n, o, oh, ow), whatever the layout.
  const nchw = convAttrs.dataFormat === 'NCHW';
  const ep = 3 + base.params.length;
  const params = [...base.params];
  for (const k of stridedIdx) {
    const s = broadcastStrides(extras[k].shape, shape);
    params.push(...(nchw ? s : [s[0], s[3], s[1], s[2]]));
  }
  const constantsAt = 3 + params.length;
  params.push(...programConstants(epilogue));
  if (3 + params.length > PARAM_WORDS) {
    throw new BackendError(
      op,
      `${stridedIdx.length} broadcast epilogue inputs and ${3 + params.length - constantsAt} constants need ${3 + params.length} parameter words, over the ${PARAM_WORDS} a dispatch carries`,
    );
  }
  // Generated only on a pipeline-cache miss (the spec's prelude is read then).
  let fn: ReturnType<typeof fusedFunction> | undefined;
  const code = () => {
    fn ??= fusedFunction(op, epilogue, ['f32', ...extraTypes], constantsAt);
    if (fn.outTypes.some((t, k) => t !== outTypes[k])) {
      throw new BackendError(op, "the output specs do not have the epilogue outputs' dtypes");
    }
    return fn.code;
  };
  const args = extras.map((_, k) => {
    if (layouts[k] === 'c') return `x${2 + k}[i]`;
    if (layouts[k] === '0') return `x${2 + k}[0u]`;
    const at = ep + 4 * stridedIdx.indexOf(k);
    return `x${2 + k}[nb * pu(${at}u) + o * pu(${at + 1}u) + oh * pu(${at + 2}u) + ow * pu(${at + 3}u)]`;
  });
  const channel = position === 'm' ? 'n' : 'm';
  const store = [
    'fn store(m: u32, n: u32, v: f32) {',
    `  let ow = ${position} % OW(); let t = ${position} / OW(); let oh = t % OH(); let nb = t / OH();`,
    `  let o = z * OG() + ${channel};`,
    '  let i = yIdx(nb, o, oh, ow);',
    `  let r = fused_(${['v', ...args].join(', ')});`,
    ...outTypes.map((_, k) => `  y${k}[i] = r.o${k};`),
    '}',
  ].join('\n');
  // 'lanes' (positions along n): four neighbouring positions at once, decomposed once and then advanced,
  // instead of three divisions per element (llvmpipe has no vector integer division).
  const store4 =
    position === 'n'
      ? [
          'fn store4(m: u32, n: u32, v: vec4<f32>) {',
          '  var ow = n % OW(); let t = n / OW(); var oh = t % OH(); var nb = t / OH();',
          '  let o = z * OG() + m;',
          '  for (var j = 0u; j < 4u; j++) {',
          '    let i = yIdx(nb, o, oh, ow);',
          `    let r = fused_(${['v[j]', ...args].join(', ')});`,
          ...outTypes.map((_, k) => `    y${k}[i] = r.o${k};`),
          '    ow += 1u; if (ow == OW()) { ow = 0u; oh += 1u; if (oh == OH()) { oh = 0u; nb += 1u; } }',
          '  }',
          '}',
        ].join('\n')
      : undefined;
  const data = extras.map((t) => dataOf(gpu, t));
  const ys = outputs.map((o) => allocOutput(gpu, op, o));
  try {
    runGemm(
      gpu,
      {
        ...base,
        name: op,
        variant: `${base.variant}|ep:${epilogue.key}|${layouts.join('')}`,
        get prelude() {
          return `${base.prelude}\n${code()}`;
        },
        store,
        store4,
        storeLoop: true,
        storeLoopShared: true,
        params,
        extraInputs: extraTypes,
        outputs: outTypes,
      },
      dataOf(gpu, a),
      dataOf(gpu, b),
      ys[0],
      data,
      ys.slice(1),
    );
  } catch (e) {
    for (const y of ys) gpu.free(y);
    throw e;
  }
  return ys;
};
