// The GPU runtime under the kernels: a buffer pool by size class, a pipeline cache keyed by program
// (kernel, variant, dtypes, ranks: shapes and strides travel in uniforms), dispatches batched into few
// submits (one per batch() call), asynchronous readback, adapter limits, and device loss turned into a
// typed error.

import { BackendError, type DType } from '@libml/core';
import type { AdapterReport } from './device.js';

// WebGPU's flag values (spec constants), so nothing depends on the GPUBufferUsage global being installed.
const USAGE_MAP_READ = 0x0001;
const USAGE_COPY_SRC = 0x0004;
const USAGE_COPY_DST = 0x0008;
const USAGE_UNIFORM = 0x0040;
const USAGE_STORAGE = 0x0080;
const MAP_MODE_READ = 0x0001;
const STAGE_COMPUTE = 0x4;

const STORAGE_USAGE = USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST;
const STAGING_USAGE = USAGE_MAP_READ | USAGE_COPY_DST;
const UNIFORM_USAGE = USAGE_UNIFORM | USAGE_COPY_DST;

/** Bytes of one dispatch's uniform slot (params), and of the per-batch uniform buffer. */
const UNIFORM_SLOT = 512;
/** Words of params each dispatch sees (WGSL: array<vec4<i32>, 32>). */
export const PARAM_WORDS = 128;
const UNIFORM_BATCH_BYTES = 64 * 1024;
const MIN_BUFFER = 256;
/** Cached bind groups kept before the cache is cleared. */
const BIND_GROUP_CACHE = 4096;

/** Storage of one tensor: a pooled buffer holding `size` elements of 4 bytes (bool as u32). */
export class GpuData {
  buffer: GPUBuffer | null;
  readonly size: number;
  readonly dtype: DType;
  readonly bytes: number;
  readonly owner: Gpu;
  constructor(owner: Gpu, buffer: GPUBuffer, size: number, dtype: DType) {
    this.owner = owner;
    this.buffer = buffer;
    this.size = size;
    this.dtype = dtype;
    this.bytes = buffer.size;
  }
}

/** A compute program: its cache key and WGSL (generated only on a cache miss). */
export interface Program {
  /** Everything the code depends on: kernel, variant, dtypes, ranks, workgroup shape. */
  readonly key: string;
  readonly code: () => string;
}

/** Counters of the GPU engine (pipelines, dispatches, submits, buffer pool, reads), for tests and tuning. */
export interface GpuStats {
  /** Pipelines compiled (cache misses). */
  pipelines: number;
  /** Pipeline lookups served from the cache. */
  pipelineHits: number;
  dispatches: number;
  submits: number;
  /** Buffers created / served from the pool. */
  buffersCreated: number;
  poolHits: number;
  /** Idle buffers in the pool and their bytes. */
  pooledBuffers: number;
  pooledBytes: number;
  readbacks: number;
  /** Bytes of dispatch params written to uniform buffers (unchanged params are not rewritten). */
  uniformBytes: number;
}

export interface TileConfig {
  /** Threads per workgroup for 1-D kernels. */
  readonly wg: number;
  /** GEMM: threads (tx, ty), registers per thread (rm, rn), depth bk. Tile = (ty*rm) x (tx*rn). */
  readonly gemm: { tx: number; ty: number; rm: number; rn: number; bk: number };
  /** Workgroup size of workgroup-tree reductions. */
  readonly reduceWg: number;
  /**
   * GEMM strategy: 'shared' (workgroup-memory tiles, for GPUs) or 'lanes' (register blocks per invocation,
   * no workgroup memory or barriers: for software adapters that run invocations as SIMD lanes).
   */
  readonly gemmKind: 'shared' | 'lanes';
  /** GEMM strategy of the convolutions (conv2d and its two backprops): gemmKind's, but on SwiftShader. */
  readonly convKind: 'shared' | 'lanes';
}

export interface GpuLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
  readonly maxComputeInvocationsPerWorkgroup: number;
  readonly maxComputeWorkgroupStorageSize: number;
  readonly maxStorageBuffersPerShaderStage: number;
}

function sizeClass(bytes: number): number {
  const b = Math.max(MIN_BUFFER, bytes);
  // Four classes per octave: at most 25% slack.
  const p = 2 ** Math.floor(Math.log2(b));
  const step = p / 4;
  return Math.ceil(b / step) * step;
}

/** SwiftShader (Chromium's software WebGPU adapter): info vendor 'google', architecture 'swiftshader'. */
export function isSwiftShader(adapter: AdapterReport): boolean {
  return /swiftshader/i.test(`${adapter.architecture} ${adapter.device} ${adapter.description}`);
}

/**
 * The tile configuration for `tiles` on an adapter. 'auto' gives software adapters (llvmpipe, SwiftShader,
 * fallback adapters) the 'lanes' GEMM, measured faster on both llvmpipe (the matmul benchmark) and
 * SwiftShader (the digits MLP of examples/web trains in about 7 s instead of 16), and GPUs 'shared'. The
 * convolutions follow, except on SwiftShader with 'auto': its shader compiler does not finish the 'lanes'
 * conv2d within Chromium's GPU watchdog (over two minutes, then the device is lost; the 'lanes' matmul
 * takes under a second; neither do the 'lanes' GEMMs of its two backprops within a minute), so there
 * they run the 'shared' GEMM. 'cpu' forces 'lanes' everywhere.
 */
export function tileConfig(
  adapter: AdapterReport,
  tiles: 'auto' | 'gpu' | 'cpu',
  maxInvocations: number,
): TileConfig {
  const cpuLike = tiles === 'cpu' || (tiles === 'auto' && adapter.software);
  if (cpuLike) {
    // llvmpipe runs a workgroup's invocations as SIMD lanes of one CPU thread: small workgroups; the
    // shared GEMM tile (the fallback for grids past the dispatch limits, and SwiftShader's convolutions)
    // is the best of the shapes measured there (8x8 threads of 4x4, 8 deep).
    return {
      wg: Math.min(64, maxInvocations),
      gemm: { tx: 8, ty: 8, rm: 4, rn: 4, bk: 8 },
      reduceWg: Math.min(64, maxInvocations),
      gemmKind: 'lanes',
      convKind: tiles === 'auto' && isSwiftShader(adapter) ? 'shared' : 'lanes',
    };
  }
  return maxInvocations >= 256
    ? {
        wg: 256,
        gemm: { tx: 16, ty: 16, rm: 4, rn: 4, bk: 16 },
        reduceWg: 256,
        gemmKind: 'shared',
        convKind: 'shared',
      }
    : {
        wg: Math.min(128, maxInvocations),
        gemm: { tx: 8, ty: 8, rm: 4, rn: 4, bk: 16 },
        reduceWg: 64,
        gemmKind: 'shared',
        convKind: 'shared',
      };
}

export class Gpu {
  readonly device: GPUDevice;
  readonly adapter: AdapterReport;
  readonly limits: GpuLimits;
  readonly tiles: TileConfig;
  private readonly dispatchesPerSubmit: number;
  private readonly poolLimit: number;

  private readonly pipelines = new Map<string, GPUComputePipeline>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  private readonly pipelineLayouts = new Map<string, GPUPipelineLayout>();
  /**
   * Bind groups by layout and buffers (the params slot is a dynamic offset, so it is not part of the key):
   * pooled buffers come back for the same ops, so most dispatches reuse one. Cleared when a buffer is
   * destroyed and when it grows past BIND_GROUP_CACHE entries.
   */
  private readonly bindGroups = new Map<string, GPUBindGroup>();
  private readonly bufferIds = new WeakMap<GPUBuffer, number>();
  private nextBufferId = 1;
  /** Idle buffers by usage and size class. */
  private readonly pool = new Map<string, GPUBuffer[]>();
  private pooledBytes = 0;
  /** Freed buffers that commands recorded but not yet submitted may still use: pooled at the next submit. */
  private pendingFree: [string, GPUBuffer][] = [];

  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private uniformBuffer: GPUBuffer | null = null;
  private uniformData = new Int32Array(UNIFORM_BATCH_BYTES / 4);
  private uniformUsed = 0;
  /**
   * Uniform buffers filled earlier in this command buffer (a batch() that outgrew one uniform buffer):
   * written and released with the current one at the next submit.
   */
  private retiredUniforms: { buffer: GPUBuffer; data: Int32Array; used: number }[] = [];
  /**
   * What each uniform buffer holds on the device, as last written: a submit writes only the words that
   * changed (a repeated op or a jit replay usually writes none; queue order keeps earlier submits reading
   * the values they were recorded with).
   */
  private readonly uniformShadows = new WeakMap<GPUBuffer, Int32Array>();
  private pendingDispatches = 0;
  /** Nesting depth of batch(): while > 0, dispatches never trigger a submit. */
  private batchDepth = 0;
  private submitting: Promise<void> | null = null;

  /** Set once the device is lost (or a fatal error happened): every later use throws it. */
  lostError: BackendError | null = null;
  private readonly lostPromise: Promise<BackendError>;
  private errorMessages: string[] = [];

  readonly stats: GpuStats = {
    pipelines: 0,
    pipelineHits: 0,
    dispatches: 0,
    submits: 0,
    buffersCreated: 0,
    poolHits: 0,
    pooledBuffers: 0,
    pooledBytes: 0,
    readbacks: 0,
    uniformBytes: 0,
  };

  constructor(
    device: GPUDevice,
    adapter: AdapterReport,
    options: { dispatchesPerSubmit?: number; poolBytes?: number; tiles?: 'auto' | 'gpu' | 'cpu' },
  ) {
    this.device = device;
    this.adapter = adapter;
    const l = device.limits;
    this.limits = {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
    };
    this.dispatchesPerSubmit = Math.max(
      1,
      Math.min(options.dispatchesPerSubmit ?? 64, UNIFORM_BATCH_BYTES / UNIFORM_SLOT),
    );
    this.poolLimit = options.poolBytes ?? 256 * 1024 * 1024;
    this.tiles = tileConfig(adapter, options.tiles ?? 'auto', this.limits.maxComputeInvocationsPerWorkgroup);

    this.lostPromise = device.lost.then((info) => {
      const err = new BackendError(
        'webgpu',
        `the GPU device was lost (${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''}); tensors on it can no longer be used`,
      );
      this.lostError = err;
      return err;
    });
    // Keep an unobserved rejection path from ever existing: lostPromise only resolves.
    device.addEventListener?.('uncapturederror', (event) => {
      const e = (event as GPUUncapturedErrorEvent).error;
      this.errorMessages.push(e?.message ?? String(e));
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Buffers

  checkAlive(op: string): void {
    if (this.lostError) throw new BackendError(op, this.lostError.message.replace(/^webgpu: /, ''));
  }

  /** A storage buffer for `size` 4-byte elements, from the pool when one fits. */
  alloc(op: string, size: number, dtype: DType): GpuData {
    this.checkAlive(op);
    const bytes = size * 4;
    if (bytes > this.limits.maxStorageBufferBindingSize || bytes > this.limits.maxBufferSize) {
      throw new BackendError(
        op,
        `a ${dtype} tensor of ${size} elements needs ${bytes} bytes, over the device's limit (maxStorageBufferBindingSize ${this.limits.maxStorageBufferBindingSize}, maxBufferSize ${this.limits.maxBufferSize})`,
      );
    }
    return new GpuData(this, this.acquire(STORAGE_USAGE, bytes), size, dtype);
  }

  private acquire(usage: number, bytes: number): GPUBuffer {
    const cls = sizeClass(bytes);
    const key = `${usage}:${cls}`;
    const list = this.pool.get(key);
    const hit = list?.pop();
    if (hit) {
      this.stats.poolHits++;
      this.pooledBytes -= cls;
      this.stats.pooledBuffers--;
      return hit;
    }
    this.stats.buffersCreated++;
    const cap = usage === STORAGE_USAGE ? Math.min(cls, this.limits.maxBufferSize) : cls;
    // Whole vec4s (kernels may access storage as vec4 arrays), within the device's limit.
    const whole = Math.min(Math.ceil(bytes / 16) * 16, this.limits.maxBufferSize);
    return this.device.createBuffer({ size: Math.max(cap, whole, Math.ceil(bytes / 4) * 4), usage });
  }

  /** Returns a buffer for reuse once the commands recorded so far are submitted. */
  private release(usage: number, buffer: GPUBuffer): void {
    this.pendingFree.push([`${usage}:${buffer.size}`, buffer]);
  }

  free(data: GpuData): void {
    const b = data.buffer;
    if (!b) return;
    data.buffer = null;
    if (this.lostError) return;
    this.release(STORAGE_USAGE, b);
    if (this.pendingDispatches === 0 && !this.encoder) this.recyclePending();
  }

  private recyclePending(): void {
    for (const [key, buffer] of this.pendingFree) {
      if (this.pooledBytes + buffer.size > this.poolLimit) {
        this.bindGroups.clear();
        buffer.destroy();
        continue;
      }
      let list = this.pool.get(key);
      if (!list) {
        list = [];
        this.pool.set(key, list);
      }
      list.push(buffer);
      this.pooledBytes += buffer.size;
      this.stats.pooledBuffers++;
    }
    this.stats.pooledBytes = this.pooledBytes;
    this.pendingFree = [];
  }

  /** Destroys every idle pooled buffer. */
  trimPool(): void {
    this.bindGroups.clear();
    for (const list of this.pool.values()) for (const b of list) b.destroy();
    this.pool.clear();
    this.pooledBytes = 0;
    this.stats.pooledBuffers = 0;
    this.stats.pooledBytes = 0;
  }

  buffer(op: string, data: GpuData): GPUBuffer {
    this.checkAlive(op);
    if (!data.buffer) throw new BackendError(op, 'webgpu storage was disposed');
    return data.buffer;
  }

  upload(op: string, values: ArrayBufferView, size: number, dtype: DType): GpuData {
    const out = this.alloc(op, size, dtype);
    if (size > 0) this.device.queue.writeBuffer(out.buffer!, 0, values.buffer, values.byteOffset, size * 4);
    return out;
  }

  // -------------------------------------------------------------------------------------------------------
  // Pipelines and dispatches

  private layoutFor(inputs: number, outputs: number): { bind: GPUBindGroupLayout; pipe: GPUPipelineLayout } {
    const key = `${inputs}:${outputs}`;
    let bind = this.layouts.get(key);
    let pipe = this.pipelineLayouts.get(key);
    if (!bind || !pipe) {
      const entries: GPUBindGroupLayoutEntry[] = [
        { binding: 0, visibility: STAGE_COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true } },
      ];
      for (let i = 0; i < inputs; i++) {
        entries.push({ binding: 1 + i, visibility: STAGE_COMPUTE, buffer: { type: 'read-only-storage' } });
      }
      for (let i = 0; i < outputs; i++) {
        entries.push({ binding: 1 + inputs + i, visibility: STAGE_COMPUTE, buffer: { type: 'storage' } });
      }
      const storage = inputs + outputs;
      if (storage > this.limits.maxStorageBuffersPerShaderStage) {
        throw new BackendError(
          'webgpu',
          `a kernel needs ${storage} storage buffers, over the device's maxStorageBuffersPerShaderStage (${this.limits.maxStorageBuffersPerShaderStage})`,
        );
      }
      bind = this.device.createBindGroupLayout({ entries });
      pipe = this.device.createPipelineLayout({ bindGroupLayouts: [bind] });
      this.layouts.set(key, bind);
      this.pipelineLayouts.set(key, pipe);
    }
    return { bind, pipe };
  }

  private pipeline(program: Program, inputs: number, outputs: number): GPUComputePipeline {
    const key = `${program.key}|${inputs}:${outputs}`;
    const cached = this.pipelines.get(key);
    if (cached) {
      this.stats.pipelineHits++;
      return cached;
    }
    const module = this.device.createShaderModule({ code: program.code() });
    const pipeline = this.device.createComputePipeline({
      layout: this.layoutFor(inputs, outputs).pipe,
      compute: { module, entryPoint: 'main' },
    });
    this.pipelines.set(key, pipeline);
    this.stats.pipelines++;
    return pipeline;
  }

  /** Number of cached pipelines. */
  get pipelineCount(): number {
    return this.pipelines.size;
  }

  /**
   * Records one dispatch. `params` are 32-bit words (floats via f32Bits) read in WGSL through p(i);
   * `groups` the workgroup counts (at least one of each; zero-size work never reaches here).
   */
  dispatch(
    op: string,
    program: Program,
    inputs: readonly GpuData[],
    outputs: readonly GpuData[],
    params: readonly number[],
    groups: readonly [number, number?, number?],
  ): void {
    this.checkAlive(op);
    const [gx, gy = 1, gz = 1] = groups;
    if (gx * gy * gz === 0) return;
    const maxDim = this.limits.maxComputeWorkgroupsPerDimension;
    if (gx > maxDim || gy > maxDim || gz > maxDim) {
      throw new BackendError(op, `dispatch of [${gx}, ${gy}, ${gz}] workgroups is over the limit ${maxDim}`);
    }
    const pipeline = this.pipeline(program, inputs.length, outputs.length);
    if (params.length > PARAM_WORDS) {
      throw new BackendError(
        op,
        `${params.length} parameter words, over the ${PARAM_WORDS} a dispatch carries`,
      );
    }
    const slotWords = PARAM_WORDS;
    const slotBytes = UNIFORM_SLOT;
    if (this.uniformUsed + slotBytes > UNIFORM_BATCH_BYTES) {
      // Inside batch() the command buffer keeps growing: start another uniform buffer instead.
      if (this.batchDepth > 0) this.retireUniform();
      else this.submit();
    }
    if (!this.encoder) this.encoder = this.device.createCommandEncoder();
    if (!this.uniformBuffer) this.uniformBuffer = this.acquire(UNIFORM_USAGE, UNIFORM_BATCH_BYTES);
    const offset = this.uniformUsed;
    this.uniformData.set(params, offset / 4);
    this.uniformUsed += slotBytes;

    const bindGroup = this.bindGroupFor(op, inputs, outputs, slotWords * 4);
    if (!this.pass) this.pass = this.encoder.beginComputePass();
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, bindGroup, [offset]);
    this.pass.dispatchWorkgroups(gx, gy, gz);
    this.stats.dispatches++;
    this.pendingDispatches++;
    if (this.pendingDispatches >= this.dispatchesPerSubmit && this.batchDepth === 0) this.submit();
  }

  private retireUniform(): void {
    if (this.uniformBuffer) {
      this.retiredUniforms.push({
        buffer: this.uniformBuffer,
        data: this.uniformData,
        used: this.uniformUsed,
      });
      this.uniformData = new Int32Array(UNIFORM_BATCH_BYTES / 4);
      this.uniformBuffer = null;
    }
    this.uniformUsed = 0;
  }

  /**
   * Runs `fn` with every dispatch it records going into one command buffer, submitted once when `fn`
   * returns or throws (its error is rethrown): no submit on the dispatch count or a full uniform buffer
   * meanwhile (another uniform buffer joins the batch instead). A read requested inside `fn` shares that
   * submit (reads submit at the end of the tick). Nested calls join the outermost batch. `fn` must be
   * synchronous: work after an await is not batched.
   */
  batch<T>(fn: () => T): T {
    this.checkAlive('batch');
    this.batchDepth++;
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.batchDepth--;
      if (this.batchDepth === 0 && !this.lostError) {
        try {
          this.submit();
        } catch {
          // fn's error is the one to report.
        }
      }
      throw e;
    }
    this.batchDepth--;
    if (this.batchDepth === 0) this.submit();
    return result;
  }

  private idOf(buffer: GPUBuffer): number {
    let id = this.bufferIds.get(buffer);
    if (id === undefined) {
      id = this.nextBufferId++;
      this.bufferIds.set(buffer, id);
    }
    return id;
  }

  private bindGroupFor(
    op: string,
    inputs: readonly GpuData[],
    outputs: readonly GpuData[],
    uniformBytes: number,
  ): GPUBindGroup {
    const uniform = this.uniformBuffer!;
    let key = `${inputs.length}:${outputs.length}:${this.idOf(uniform)}`;
    for (const d of inputs) key += `,${this.idOf(this.buffer(op, d))}`;
    for (const d of outputs) key += `,${this.idOf(this.buffer(op, d))}`;
    const cached = this.bindGroups.get(key);
    if (cached) return cached;
    const entries: GPUBindGroupEntry[] = [
      { binding: 0, resource: { buffer: uniform, offset: 0, size: uniformBytes } },
    ];
    inputs.forEach((d, i) => {
      entries.push({ binding: 1 + i, resource: { buffer: this.buffer(op, d) } });
    });
    outputs.forEach((d, i) => {
      entries.push({ binding: 1 + inputs.length + i, resource: { buffer: this.buffer(op, d) } });
    });
    const bindGroup = this.device.createBindGroup({
      layout: this.layoutFor(inputs.length, outputs.length).bind,
      entries,
    });
    if (this.bindGroups.size >= BIND_GROUP_CACHE) this.bindGroups.clear();
    this.bindGroups.set(key, bindGroup);
    return bindGroup;
  }

  /** Splits `groups` workgroups over x and y when over the per-dimension limit. */
  grid(groups: number): [number, number] {
    const maxDim = this.limits.maxComputeWorkgroupsPerDimension;
    if (groups <= maxDim) return [groups, 1];
    const y = Math.ceil(groups / maxDim);
    return [Math.ceil(groups / y), y];
  }

  /** Submits everything recorded (uniforms first), then recycles buffers freed meanwhile. */
  submit(): void {
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
    if (this.encoder) {
      for (const u of this.retiredUniforms) this.writeUniforms(u.buffer, u.data, u.used);
      if (this.uniformBuffer && this.uniformUsed > 0) {
        this.writeUniforms(this.uniformBuffer, this.uniformData, this.uniformUsed);
      }
      this.device.queue.submit([this.encoder.finish()]);
      this.stats.submits++;
      this.encoder = null;
    }
    for (const u of this.retiredUniforms) this.release(UNIFORM_USAGE, u.buffer);
    this.retiredUniforms = [];
    if (this.uniformBuffer) {
      // Queue order makes the next batch's writeBuffer land after this submit's reads.
      this.release(UNIFORM_USAGE, this.uniformBuffer);
      this.uniformBuffer = null;
    }
    this.uniformUsed = 0;
    this.pendingDispatches = 0;
    this.recyclePending();
  }

  /** Writes the first `bytes` of `data` to a uniform buffer: only the span that differs from its contents. */
  private writeUniforms(buffer: GPUBuffer, data: Int32Array, bytes: number): void {
    const words = bytes / 4;
    let shadow = this.uniformShadows.get(buffer);
    if (!shadow) {
      shadow = new Int32Array(UNIFORM_BATCH_BYTES / 4);
      this.uniformShadows.set(buffer, shadow);
      this.device.queue.writeBuffer(buffer, 0, data.buffer, 0, bytes);
      this.stats.uniformBytes += bytes;
      shadow.set(data.subarray(0, words));
      return;
    }
    let first = 0;
    while (first < words && data[first] === shadow[first]) first++;
    if (first === words) return;
    let last = words - 1;
    while (data[last] === shadow[last]) last--;
    this.device.queue.writeBuffer(buffer, first * 4, data.buffer, first * 4, (last + 1 - first) * 4);
    this.stats.uniformBytes += (last + 1 - first) * 4;
    shadow.set(data.subarray(first, last + 1), first);
  }

  /** Submits at the end of the current tick (once, however many callers ask). */
  private submitSoon(): Promise<void> {
    if (!this.submitting) {
      this.submitting = Promise.resolve().then(() => {
        this.submitting = null;
        this.submit();
      });
    }
    return this.submitting;
  }

  /** Copies `data` back to the host after everything recorded so far. */
  async read(op: string, data: GpuData): Promise<ArrayBuffer> {
    const src = this.buffer(op, data);
    const bytes = data.size * 4;
    if (bytes === 0) return new ArrayBuffer(0);
    const staging = this.acquire(STAGING_USAGE, bytes);
    if (this.pass) {
      this.pass.end();
      this.pass = null;
    }
    if (!this.encoder) this.encoder = this.device.createCommandEncoder();
    this.encoder.copyBufferToBuffer(src, 0, staging, 0, bytes);
    this.stats.readbacks++;
    // Reads requested in the same tick (Promise.all over several outputs) share one submit.
    await this.submitSoon();
    const mapped = staging.mapAsync(MAP_MODE_READ, 0, bytes).then(
      () => 'mapped' as const,
      (e: unknown) => e as Error,
    );
    const outcome = await Promise.race([mapped, this.lostPromise]);
    if (outcome instanceof BackendError) throw new BackendError(op, outcome.message.replace(/^webgpu: /, ''));
    if (outcome !== 'mapped') {
      const detail = this.errorMessages.length > 0 ? `; GPU errors: ${this.errorMessages.join(' | ')}` : '';
      throw new BackendError(op, `reading back failed (${outcome.message})${detail}`);
    }
    const copy = staging.getMappedRange(0, bytes).slice(0);
    staging.unmap();
    this.release(STAGING_USAGE, staging);
    if (!this.encoder) this.recyclePending();
    if (this.errorMessages.length > 0) {
      const messages = this.errorMessages;
      this.errorMessages = [];
      throw new BackendError(op, `the GPU reported errors: ${messages.join(' | ')}`);
    }
    return copy;
  }

  /** Waits until the queue is idle (rejects on device loss). */
  async sync(): Promise<void> {
    this.submit();
    const outcome = await Promise.race([
      this.device.queue.onSubmittedWorkDone().then(() => null),
      this.lostPromise,
    ]);
    if (outcome) throw outcome;
  }

  destroy(): void {
    this.trimPool();
    this.device.destroy();
  }
}

const f32Scratch = new Float32Array(1);
const i32Scratch = new Int32Array(f32Scratch.buffer);

/** The bit pattern of a float32 as an int32 param word (read in WGSL with bitcast<f32>). */
export function f32Bits(v: number): number {
  f32Scratch[0] = v;
  return i32Scratch[0];
}
