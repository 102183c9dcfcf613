// A GEMM template: C[z][m][n] = sum_k A(z, m, k) B(z, k, n), in two strategies picked per adapter.
//
// - 'shared' (GPUs): each workgroup computes a BM x BN tile, staging BK-deep slices of A and B in
//   workgroup memory; each invocation accumulates an RM x RN block in registers.
// - 'lanes' (software adapters such as llvmpipe, which run a workgroup's invocations as the SIMD lanes of
//   one CPU thread): no workgroup memory and no barriers. A workgroup is one row of invocations along n;
//   each invocation accumulates R rows x CV vec4 columns in registers, reading A four k at a time as a vec4
//   (the same address in every lane: a broadcast) and B as 4x4 blocks (neighbouring lanes read
//   neighbouring vec4s). The CPU caches do what workgroup memory does on a GPU.
//
// The operands come through WGSL functions, so the same template serves matmul (strided, broadcast
// batches, transposes) and convolutions as implicit GEMM (im2col indexing on the fly, never materialised).

import type { Gpu, GpuData } from '../../gpu.js';
import { header, type WgslType } from './wgsl.js';

export interface GemmSpec {
  readonly name: string;
  /** Everything the snippets depend on besides the tile shape and the vector flags below. */
  readonly variant: string;
  /**
   * Common WGSL (private vars, helpers). Params after [M, N, K] start at word U (const U = 3u). Storage is
   * read through rdA(i) / rdB(i) (element i of operand a / b) and written through wrY(i, v).
   */
  readonly prelude: string;
  /** `fn loadA(m: u32, k: u32) -> f32` (m < M, k < K). */
  readonly loadA: string;
  /** `fn loadB(k: u32, n: u32) -> f32` (k < K, n < N). */
  readonly loadB: string;
  /** `fn store(m: u32, n: u32, v: f32)` (in bounds only). */
  readonly store: string;
  /**
   * Optional vector access ('lanes' strategy only; the caller guarantees alignment):
   * `fn loadA4(m: u32, k: u32) -> vec4<f32>`: A(m, k..k+3), k a multiple of 4 with k + 3 < K; may read
   * operand a as a vec4 array through rdA4(i) (vec4 i).
   */
  readonly loadA4?: string;
  /**
   * Optional per-row and per-depth-step precomputation for loadA4 ('lanes' only): WGSL defining a type
   * RowA and `fn rowA(m: u32) -> RowA` (evaluated once per row, outside the k loop), a type TapA and
   * `fn tapA(k: u32) -> TapA` (once per step of four k, shared by the rows, called with k = 0, 4, 8, ... in
   * order before that step's loadB44: it may keep its state in private vars). loadA4 takes (RowA, TapA).
   * Defaults: both are the plain index (alias of u32).
   */
  readonly rowA?: string;
  readonly tapA?: string;
  /**
   * Optional per-column-group precomputation ('lanes' only): a type ColB and `fn colB(n: u32) -> ColB`,
   * evaluated once per group of four columns outside the k loop. loadB44 is called as loadB44(TapA, ColB);
   * the defaults are the plain k and n (alias of u32). A spec with its own TapA or ColB gives loadB44 too.
   */
  readonly colB?: string;
  /**
   * `fn loadB44(k: u32, n: u32) -> mat4x4<f32>` whose column j is B(k + j, n..n+3), k and n multiples of
   * 4, k + 3 < K (n may pass N: those columns are never stored); may use rdB4(i).
   */
  readonly loadB44?: string;
  /** `fn store4(m: u32, n: u32, v: vec4<f32>)`: C(m, n..n+3) = v, n a multiple of 4, n + 3 < N; wrY4(i, v). */
  readonly store4?: string;
  /** Run after z (batch index) is set: may fill private vars with per-batch bases. */
  readonly setup?: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly batches: number;
  readonly params: readonly number[];
  /** Storage inputs bound after a and b, read by the snippets as x2, x3, ... (their element types). */
  readonly extraInputs?: readonly WgslType[];
  /**
   * The 'lanes' strategy calls store from one loop over the register block instead of inlining it per
   * element: for a store that is much code (a fused epilogue). With store4 too, the loop calls store4 for every
   * group of four columns in bounds and store for the rest.
   */
  readonly storeLoop?: boolean;
  /**
   * The same for the 'shared' strategy: its RM x RN stores go through a private array and one loop
   * (SwiftShader, which runs the convolutions on 'shared', compiles big inlined shaders very slowly).
   */
  readonly storeLoopShared?: boolean;
  /** Element types of the outputs y0, y1, ... (default: one f32 output); store writes them all. */
  readonly outputs?: readonly WgslType[];
  /** The strategy (default: the adapter's gpu.tiles.gemmKind; the convolutions pass tiles.convKind). */
  readonly kind?: 'shared' | 'lanes';
}

/** `extraIn` / `extraOut`: the storage behind spec.extraInputs and outputs y1, y2, ... */
export function runGemm(
  gpu: Gpu,
  spec: GemmSpec,
  a: GpuData,
  b: GpuData,
  out: GpuData,
  extraIn: readonly GpuData[] = [],
  extraOut: readonly GpuData[] = [],
): void {
  const io: GemmIo = { inputs: [a, b, ...extraIn], outputs: [out, ...extraOut] };
  if ((spec.kind ?? gpu.tiles.gemmKind) === 'lanes') {
    const block = lanesBlock(spec.n);
    const gx = Math.ceil(spec.n / (block.wx * block.cv * 4));
    const gy = Math.ceil(spec.m / (block.r * block.wy));
    const maxDim = gpu.limits.maxComputeWorkgroupsPerDimension;
    if (gx <= maxDim && gy <= maxDim) {
      runLanes(gpu, spec, io, block, [gx, gy, spec.batches]);
      return;
    }
  }
  runShared(gpu, spec, io);
}

/** The bindings' part of a pipeline key: extra input and output element types. */
function ioKey(spec: GemmSpec): string {
  return `${(spec.extraInputs ?? []).join(',')}>${(spec.outputs ?? ['f32']).join(',')}`;
}

interface GemmIo {
  readonly inputs: readonly GpuData[];
  readonly outputs: readonly GpuData[];
}

/** Per-invocation block for the 'lanes' strategy: R rows x CV vec4s, WX invocations along n. */
interface LanesBlock {
  r: number;
  cv: number;
  wx: number;
  /** Invocations along m (rows of R each). */
  wy: number;
}

function lanesBlock(n: number): LanesBlock {
  if (n > 128) return { r: 16, cv: 4, wx: 16, wy: 1 };
  if (n > 64) return { r: 16, cv: 4, wx: 8, wy: 1 };
  if (n > 32) return { r: 16, cv: 4, wx: 4, wy: 2 };
  return { r: 16, cv: 2, wx: 4, wy: 2 };
}

function bindings(spec: GemmSpec, shared: boolean): string[] {
  // Operands are bound as vec4 arrays when the vector snippets read them so (rdA4 / rdB4 / wrY4).
  const aVec = !shared && (spec.loadA4?.includes('rdA4(') ?? false);
  const bVec = !shared && (spec.loadB44?.includes('rdB4(') ?? false);
  const yVec = !shared && (spec.store4?.includes('wrY4(') ?? false);
  const extra = spec.extraInputs ?? [];
  const outs = spec.outputs ?? ['f32'];
  const y0 = 3 + extra.length;
  const lines = [
    header([], []),
    aVec
      ? '@group(0) @binding(1) var<storage, read> x0: array<vec4<f32>>;'
      : '@group(0) @binding(1) var<storage, read> x0: array<f32>;',
    bVec
      ? '@group(0) @binding(2) var<storage, read> x1: array<vec4<f32>>;'
      : '@group(0) @binding(2) var<storage, read> x1: array<f32>;',
    ...extra.map((t, j) => `@group(0) @binding(${3 + j}) var<storage, read> x${2 + j}: array<${t}>;`),
    yVec
      ? `@group(0) @binding(${y0}) var<storage, read_write> y0: array<vec4<f32>>;`
      : `@group(0) @binding(${y0}) var<storage, read_write> y0: array<${outs[0]}>;`,
    ...outs
      .slice(1)
      .map((t, j) => `@group(0) @binding(${y0 + 1 + j}) var<storage, read_write> y${1 + j}: array<${t}>;`),
    aVec
      ? 'fn rdA(i: u32) -> f32 { return x0[i >> 2u][i & 3u]; }\nfn rdA4(i: u32) -> vec4<f32> { return x0[i]; }'
      : 'fn rdA(i: u32) -> f32 { return x0[i]; }',
    bVec
      ? 'fn rdB(i: u32) -> f32 { return x1[i >> 2u][i & 3u]; }\nfn rdB4(i: u32) -> vec4<f32> { return x1[i]; }'
      : 'fn rdB(i: u32) -> f32 { return x1[i]; }',
    yVec
      ? 'fn wrY(i: u32, v: f32) { y0[i >> 2u][i & 3u] = v; }\nfn wrY4(i: u32, v: vec4<f32>) { y0[i] = v; }'
      : outs[0] === 'f32'
        ? 'fn wrY(i: u32, v: f32) { y0[i] = v; }'
        : '',
    'const U = 3u;',
    'var<private> z: u32;',
    spec.prelude,
    spec.loadA,
    spec.loadB,
    spec.store,
  ];
  if (!shared) {
    lines.push(
      spec.rowA ?? 'alias RowA = u32;\nfn rowA(m: u32) -> u32 { return m; }',
      spec.tapA ?? 'alias TapA = u32;\nfn tapA(k: u32) -> u32 { return k; }',
      spec.colB ?? 'alias ColB = u32;\nfn colB(n: u32) -> u32 { return n; }',
    );
    lines.push(
      spec.loadA4
        ? spec.loadA4
        : 'fn loadA4(m: u32, k: u32) -> vec4<f32> {\n  return vec4(loadA(m, k), loadA(m, k + 1u), loadA(m, k + 2u), loadA(m, k + 3u));\n}',
    );
    if (spec.loadB44) {
      lines.push(spec.loadB44);
    } else {
      lines.push(
        'fn loadB44(k: u32, n: u32) -> mat4x4<f32> {',
        '  return mat4x4(loadBRowT(k, n), loadBRowT(k + 1u, n), loadBRowT(k + 2u, n), loadBRowT(k + 3u, n));',
        '}',
      );
    }
    if (spec.store4) lines.push(spec.store4);
  }
  return lines;
}

function runLanes(
  gpu: Gpu,
  spec: GemmSpec,
  io: GemmIo,
  { r: R, cv: CV, wx: WX, wy: WY }: LanesBlock,
  groups: [number, number, number],
): void {
  const flags = `${spec.storeLoop ? 'sl' : ''}${spec.loadA4 ? 'a4' : ''}${spec.rowA ? 'r' : ''}${spec.tapA ? 't' : ''}${spec.colB ? 'c' : ''}${spec.loadB44 ? 'b44' : ''}${spec.store4 ? 'y4' : ''}`;
  const key = `gemm-lanes:${spec.name}:${spec.variant}:${ioKey(spec)}:${flags}:${R}x${CV}:${WX}x${WY}`;
  const code = () => {
    const decl: string[] = [];
    for (let r = 0; r < R; r++)
      decl.push(`let m_${r} = min(m0 + ${r}u, M - 1u); let ra_${r} = rowA(m_${r});`);
    for (let c = 0; c < CV; c++) decl.push(`let n_${c} = n0 + ${c * 4 * WX}u; let cb_${c} = colB(n_${c});`);
    for (let r = 0; r < R; r++) for (let c = 0; c < CV; c++) decl.push(`var acc_${r}_${c} = vec4<f32>();`);
    const main: string[] = [];
    main.push('let t = tapA(k);');
    for (let c = 0; c < CV; c++) main.push(`let b_${c} = loadB44(t, cb_${c});`);
    for (let r = 0; r < R; r++) {
      main.push(`let a_${r} = loadA4(ra_${r}, t);`);
      for (let c = 0; c < CV; c++) {
        const acc = `acc_${r}_${c}`;
        main.push(
          `${acc} = fma(b_${c}[3], vec4(a_${r}.w), fma(b_${c}[2], vec4(a_${r}.z), fma(b_${c}[1], vec4(a_${r}.y), fma(b_${c}[0], vec4(a_${r}.x), ${acc}))));`,
        );
      }
    }
    const tail: string[] = [];
    for (let c = 0; c < CV; c++) tail.push(`let b_${c} = loadBRowT(k, n_${c});`);
    for (let r = 0; r < R; r++) {
      tail.push(`let a_${r} = loadA(m_${r}, k);`);
      for (let c = 0; c < CV; c++) tail.push(`acc_${r}_${c} = fma(b_${c}, vec4(a_${r}), acc_${r}_${c});`);
    }
    const stores: string[] = [];
    if (spec.storeLoop) {
      // A heavy store (a fused epilogue): the block goes through a private array and one loop calls
      // store, instead of R x CV x 4 inlined copies (which take the shader compiler seconds).
      stores.push(`var out_: array<vec4<f32>, ${R * CV}>;`);
      for (let r = 0; r < R; r++)
        for (let c = 0; c < CV; c++) stores.push(`out_[${r * CV + c}] = acc_${r}_${c};`);
      stores.push(
        `for (var q = 0u; q < ${R * CV}u; q++) {`,
        `  let m = m0 + q / ${CV}u; let n = n0 + (q % ${CV}u) * ${4 * WX}u;`,
        '  if (m >= M) { break; }',
        spec.store4
          ? '  if (n + 3u < N) { store4(m, n, out_[q]); } else { for (var j = 0u; j < 4u; j++) { if (n + j < N) { store(m, n + j, out_[q][j]); } } }'
          : '  for (var j = 0u; j < 4u; j++) { if (n + j < N) { store(m, n + j, out_[q][j]); } }',
        '}',
      );
    }
    for (let r = 0; r < R && !spec.storeLoop; r++) {
      stores.push(`if (m0 + ${r}u < M) {`);
      for (let c = 0; c < CV; c++) {
        const acc = `acc_${r}_${c}`;
        if (spec.store4) {
          stores.push(`  if (n_${c} < N) { store4(m0 + ${r}u, n_${c}, ${acc}); }`);
        } else {
          stores.push(`  if (n_${c} + 3u < N) {`);
          for (let j = 0; j < 4; j++) stores.push(`    store(m0 + ${r}u, n_${c} + ${j}u, ${acc}[${j}]);`);
          stores.push('  } else {');
          for (let j = 0; j < 4; j++) {
            stores.push(`    if (n_${c} + ${j}u < N) { store(m0 + ${r}u, n_${c} + ${j}u, ${acc}[${j}]); }`);
          }
          stores.push('  }');
        }
      }
      stores.push('}');
    }
    return [
      ...bindings(spec, false),
      'fn loadBRowT(k: u32, n: u32) -> vec4<f32> {',
      '  let L = pu(1u) - 1u;',
      '  return vec4(loadB(k, min(n, L)), loadB(k, min(n + 1u, L)), loadB(k, min(n + 2u, L)), loadB(k, min(n + 3u, L)));',
      '}',
      `@compute @workgroup_size(${WX}, ${WY}, 1)`,
      'fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u) {',
      '  let M = pu(0u); let N = pu(1u); let K = pu(2u);',
      '  z = wid.z;',
      spec.setup ?? '',
      `  let m0 = (wid.y * ${WY}u + lid.y) * ${R}u; let n0 = wid.x * ${WX * CV * 4}u + lid.x * 4u;`,
      ...decl.map((l) => `  ${l}`),
      '  let K4 = K & ~3u;',
      '  for (var k = 0u; k < K4; k += 4u) {',
      ...main.map((l) => `    ${l}`),
      '  }',
      '  for (var k = K4; k < K; k++) {',
      ...tail.map((l) => `    ${l}`),
      '  }',
      ...stores.map((l) => `  ${l}`),
      '}',
    ].join('\n');
  };
  gpu.dispatch(
    spec.name,
    { key, code },
    io.inputs,
    io.outputs,
    [spec.m, spec.n, spec.k, ...spec.params],
    groups,
  );
}

function runShared(gpu: Gpu, spec: GemmSpec, io: GemmIo): void {
  const { tx, ty, rm, rn, bk } = gpu.tiles.gemm;
  const bm = ty * rm;
  const bn = tx * rn;
  const threads = tx * ty;
  const loop = spec.storeLoopShared ?? false;
  const key = `gemm:${spec.name}:${spec.variant}:${ioKey(spec)}:${loop ? 'sl:' : ''}${tx}x${ty}:${rm}x${rn}:${bk}`;
  const code = () => {
    const accDecl: string[] = [];
    for (let r = 0; r < rm; r++) for (let c = 0; c < rn; c++) accDecl.push(`var acc_${r}_${c} = 0.0;`);
    const inner: string[] = [];
    for (let r = 0; r < rm; r++) inner.push(`let a_${r} = As[kk * ${bm}u + ly + ${r * ty}u];`);
    for (let c = 0; c < rn; c++) inner.push(`let b_${c} = Bs[kk * ${bn}u + lx + ${c * tx}u];`);
    for (let r = 0; r < rm; r++) {
      for (let c = 0; c < rn; c++) inner.push(`acc_${r}_${c} = fma(a_${r}, b_${c}, acc_${r}_${c});`);
    }
    const stores: string[] = [];
    if (loop) {
      stores.push(`var out_: array<f32, ${rm * rn}>;`);
      for (let r = 0; r < rm; r++)
        for (let c = 0; c < rn; c++) stores.push(`out_[${r * rn + c}] = acc_${r}_${c};`);
      stores.push(
        `for (var q = 0u; q < ${rm * rn}u; q++) {`,
        `  let m = m0 + ly + (q / ${rn}u) * ${ty}u; let n = n0 + lx + (q % ${rn}u) * ${tx}u;`,
        '  if (m < M && n < N) { store(m, n, out_[q]); }',
        '}',
      );
    }
    for (let r = 0; r < rm && !loop; r++) {
      for (let c = 0; c < rn; c++) {
        stores.push(
          `{ let m = m0 + ly + ${r * ty}u; let n = n0 + lx + ${c * tx}u; if (m < M && n < N) { store(m, n, acc_${r}_${c}); } }`,
        );
      }
    }
    return [
      ...bindings(spec, true),
      `var<workgroup> As: array<f32, ${bm * bk}>;`,
      `var<workgroup> Bs: array<f32, ${bn * bk}>;`,
      `@compute @workgroup_size(${tx}, ${ty}, 1)`,
      'fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(local_invocation_index) li: u32) {',
      '  let M = pu(0u); let N = pu(1u); let K = pu(2u);',
      '  z = wid.z;',
      spec.setup ?? '',
      `  let m0 = wid.y * ${bm}u; let n0 = wid.x * ${bn}u;`,
      '  let lx = lid.x; let ly = lid.y;',
      ...accDecl,
      `  for (var k0 = 0u; k0 < K; k0 += ${bk}u) {`,
      `    for (var i = li; i < ${bm * bk}u; i += ${threads}u) {`,
      `      let mm = i / ${bk}u; let kk = i % ${bk}u; let m = m0 + mm; let k = k0 + kk;`,
      `      var v = 0.0; if (m < M && k < K) { v = loadA(m, k); } As[kk * ${bm}u + mm] = v;`,
      '    }',
      `    for (var i = li; i < ${bn * bk}u; i += ${threads}u) {`,
      `      let kk = i / ${bn}u; let nn = i % ${bn}u; let n = n0 + nn; let k = k0 + kk;`,
      `      var v = 0.0; if (n < N && k < K) { v = loadB(k, n); } Bs[kk * ${bn}u + nn] = v;`,
      '    }',
      '    workgroupBarrier();',
      `    for (var kk = 0u; kk < ${bk}u; kk++) {`,
      ...inner.map((l) => `      ${l}`),
      '    }',
      '    workgroupBarrier();',
      '  }',
      ...stores.map((l) => `  ${l}`),
      '}',
    ].join('\n');
  };
  gpu.dispatch(
    spec.name,
    { key, code },
    io.inputs,
    io.outputs,
    [spec.m, spec.n, spec.k, ...spec.params],
    [Math.ceil(spec.n / bn), Math.ceil(spec.m / bm), spec.batches],
  );
}
