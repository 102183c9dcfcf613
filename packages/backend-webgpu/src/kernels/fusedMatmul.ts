// fusedMatmul (jit): matmul with an elementwise epilogue (bias, activation, scaling, several outputs)
// applied in the GEMM's store step, so the product never reaches memory. The GEMM is matmul's (same
// strategies and tiles per adapter: util/gemm.ts); its store is generated per epilogue program: the
// product element is the program's input 0, input k >= 1 is extra input k - 1 read broadcast to the
// product's shape (contiguous, single-element or strided through the params uniform, as the elementwise
// kernels do), and every program output is written at the product's index. Pipelines are cached by the
// matmul variant, the program's key, the extra inputs' layouts and the output dtypes.
//
// Bindings: a, b, the extra inputs and the outputs, each a storage buffer; more than the device's
// maxStorageBuffersPerShaderStage throws a BackendError before anything is allocated (jit keeps fused
// kernels within capabilities.fusedBindings).

import { BackendError, type FusedAttrs } from '@libml/core';
import { PARAM_WORDS } from '../gpu.js';
import { matmulSpec } from './matmul.js';
import type { GpuKernel } from './types.js';
import { operandLayouts } from './util/elementwise.js';
import { checkFusedIo, fusedFunction, programConstants } from './util/fused.js';
import { runGemm } from './util/gemm.js';
import { allocOutput, broadcastStrides, dataOf, mergeDims, offsetsCode, wgslType } from './util/wgsl.js';

export const fusedMatmul: GpuKernel<FusedAttrs['fusedMatmul']> = (gpu, inputs, attrs, outputs) => {
  const op = 'fusedMatmul';
  const [a, b, ...extras] = inputs;
  const { epilogue } = attrs;
  checkFusedIo(gpu, op, inputs.length, outputs.length, epilogue.outputs.length, 'epilogue');
  const shape = outputs[0].shape;
  const base = matmulSpec(a, b, attrs, shape);
  const extraTypes = extras.map((t) => wgslType(t.dtype));
  const outTypes = outputs.map((o) => wgslType(o.dtype));
  const { layouts, stridedIdx } = operandLayouts(
    extras.map((t) => t.shape),
    shape,
  );
  // A strided extra input is read at base(z) + m * sm + n * sn: its strides over the product's last two
  // dims, and over the batch dims (merged across the strided inputs) once per invocation, so the store
  // does no index divisions.
  const rank = shape.length;
  const batchShape = shape.slice(0, rank - 2);
  const full = stridedIdx.map((k) => broadcastStrides(extras[k].shape, shape));
  const batch = mergeDims(
    batchShape,
    full.map((s) => s.slice(0, rank - 2)),
  );
  const br = stridedIdx.length > 0 ? batch.shape.length : 0;
  // Epilogue params after the GEMM's: the merged batch shape, per strided extra input its batch strides
  // and (sm, sn), then the program's constants.
  const ep = 3 + base.params.length;
  const params = [...base.params];
  if (stridedIdx.length > 0) {
    params.push(...batch.shape);
    full.forEach((s, j) => {
      params.push(...batch.strides[j], s[rank - 2], s[rank - 1]);
    });
  }
  const constantsAt = 3 + params.length;
  params.push(...programConstants(epilogue));
  if (3 + params.length > PARAM_WORDS) {
    throw new BackendError(
      op,
      `broadcasting ${stridedIdx.length} epilogue inputs over ${br} batch dims with ${3 + params.length - constantsAt} constants needs ${3 + params.length} parameter words, over the ${PARAM_WORDS} a dispatch carries`,
    );
  }
  // Generated only on a pipeline-cache miss (the spec's snippets are read then).
  let fn: ReturnType<typeof fusedFunction> | undefined;
  const code = () => {
    fn ??= fusedFunction(op, epilogue, ['f32', ...extraTypes], constantsAt);
    if (fn.outTypes.some((t, k) => t !== outTypes[k])) {
      throw new BackendError(op, "the output specs do not have the epilogue outputs' dtypes");
    }
    return fn.code;
  };
  // Word of strided input j's first stride (its batch strides, then sm, sn).
  const at = (j: number) => ep + br + j * (br + 2);
  const bases = stridedIdx.map((k) => `eb${k}_`);
  const setup = [
    base.setup ?? '',
    br > 0
      ? `{
${offsetsCode(
  'z',
  br,
  ep,
  stridedIdx.map((k) => `e${k}`),
  stridedIdx.map((_, j) => at(j)),
)}
${stridedIdx.map((k) => `eb${k}_ = e${k};`).join(' ')}
}`
      : stridedIdx.map((k) => `eb${k}_ = 0u;`).join(' '),
  ].join('\n');
  const args = extras.map((_, k) => {
    if (layouts[k] === 'c') return `x${2 + k}[i]`;
    if (layouts[k] === '0') return `x${2 + k}[0u]`;
    const j = stridedIdx.indexOf(k);
    return `x${2 + k}[eb${k}_ + m * pu(${at(j) + br}u) + n * pu(${at(j) + br + 1}u)]`;
  });
  const store = [
    'fn store(m: u32, n: u32, v: f32) {',
    '  let i = (z * pu(0u) + m) * pu(1u) + n;',
    `  let r = fused_(${['v', ...args].join(', ')});`,
    ...outTypes.map((_, k) => `  y${k}[i] = r.o${k};`),
    '}',
  ].join('\n');
  const data = extras.map((t) => dataOf(gpu, t));
  const ys = outputs.map((o) => allocOutput(gpu, op, o));
  try {
    runGemm(
      gpu,
      {
        ...base,
        name: op,
        variant: `${base.variant}|ep:${epilogue.key}|${layouts.join('')}|b${br}`,
        get prelude() {
          return `${base.prelude}\n${bases.map((b) => `var<private> ${b}: u32;`).join('\n')}\n${code()}`;
        },
        setup,
        store,
        store4: undefined,
        storeLoop: true,
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
