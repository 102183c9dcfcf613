// Device acquisition: navigator.gpu in browsers, Dawn (the `webgpu` npm package) in Node. A core adapter is
// asked for first; without one (no GPU: Dawn on Mesa's llvmpipe through OpenGL ES) a compatibility-mode
// adapter. The Node module is imported dynamically and only when there is no navigator.gpu.

import { BackendError } from '@libml/core';

/** WebGPU's adapter feature levels: 'compatibility' is the restricted level (e.g. Dawn on OpenGL ES). */
export type FeatureLevel = 'core' | 'compatibility';

/** How the WebGPU backend finds its adapter and device, and which kernel strategy it uses. */
export interface WebGpuOptions {
  /**
   * Which adapter: 'auto' (default) takes a core adapter when there is one, else a compatibility one;
   * 'core' or 'compatibility' insist on that level.
   */
  readonly featureLevel?: 'auto' | FeatureLevel;
  /** Passed to requestAdapter. */
  readonly powerPreference?: 'low-power' | 'high-performance';
  /**
   * Node only: options for the Dawn instance (`create(...)` of the webgpu package). Default: none for a
   * core adapter; `['backend=opengles']` when falling back to compatibility (llvmpipe without a GPU).
   */
  readonly dawnOptions?: readonly string[];
  /** An existing device (e.g. shared with a renderer). Its adapter info is then reported as unknown. */
  readonly device?: GPUDevice;
  /** Dispatches recorded before a submit (default 64). Readbacks submit (once per tick). */
  readonly dispatchesPerSubmit?: number;
  /** Bytes of idle pooled buffers kept for reuse (default 256 MiB); beyond it freed buffers are destroyed. */
  readonly poolBytes?: number;
  /**
   * Tile configuration: 'auto' picks by adapter (software adapters such as llvmpipe get 'cpu', the
   * 'lanes' kernels, but SwiftShader runs the convolutions on the 'shared' GEMM; GPUs get 'gpu').
   */
  readonly tiles?: 'auto' | 'gpu' | 'cpu';
}

/** What the backend runs on, for reports. */
export interface AdapterReport {
  readonly featureLevel: FeatureLevel;
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** True for software adapters (llvmpipe, SwiftShader, or a fallback adapter). */
  readonly software: boolean;
  readonly runtime: 'browser' | 'node-dawn' | 'external';
}

export interface Acquired {
  readonly device: GPUDevice;
  readonly adapter: AdapterReport;
}

interface NodeWebGpuModule {
  create(options: string[]): GPU;
}

type MaybeNodeGlobal = typeof globalThis & {
  navigator?: { gpu?: GPU };
  process?: { versions?: { node?: string }; env?: Record<string, string | undefined> };
};

/** Dawn instances created in this process, by option string: Dawn likes one instance per configuration. */
const dawnInstances = new Map<string, GPU>();

async function nodeGpu(options: readonly string[]): Promise<GPU> {
  const key = options.join('\n');
  const existing = dawnInstances.get(key);
  if (existing) return existing;
  const g = globalThis as MaybeNodeGlobal;
  // Headless Mesa (no X/Wayland): EGL must pick the surfaceless platform before Dawn initialises GL.
  if (g.process?.env && options.includes('backend=opengles') && !g.process.env.EGL_PLATFORM) {
    g.process.env.EGL_PLATFORM = 'surfaceless';
  }
  const specifier = 'webgpu';
  let mod: NodeWebGpuModule;
  try {
    mod = (await import(/* @vite-ignore */ specifier)) as NodeWebGpuModule;
  } catch (e) {
    throw new BackendError(
      'webgpu',
      `no navigator.gpu and the 'webgpu' package could not be loaded (${(e as Error).message})`,
    );
  }
  const gpu = mod.create([...options]);
  dawnInstances.set(key, gpu);
  return gpu;
}

function describe(
  adapter: GPUAdapter,
  level: FeatureLevel,
  runtime: AdapterReport['runtime'],
): AdapterReport {
  const info = adapter.info;
  const text = `${info?.vendor ?? ''} ${info?.architecture ?? ''} ${info?.device ?? ''} ${info?.description ?? ''}`;
  const fallback = (info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter === true;
  return {
    featureLevel: level,
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    software: fallback || /llvmpipe|swiftshader|softpipe|lavapipe|software/i.test(text),
    runtime,
  };
}

async function adapterFrom(
  gpu: GPU,
  level: FeatureLevel,
  power: WebGpuOptions['powerPreference'],
): Promise<GPUAdapter | null> {
  const opts: GPURequestAdapterOptions & { featureLevel?: string } = { featureLevel: level };
  if (power) opts.powerPreference = power;
  try {
    return await gpu.requestAdapter(opts);
  } catch {
    return null;
  }
}

/** Limits raised to the adapter's maximum: the defaults (compatibility ones especially) are small. */
const WANTED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxStorageBuffersPerShaderStage',
] as const;

async function deviceFrom(adapter: GPUAdapter): Promise<GPUDevice> {
  const requiredLimits: Record<string, number> = {};
  for (const name of WANTED_LIMITS) {
    const v = (adapter.limits as unknown as Record<string, number | undefined>)[name];
    if (typeof v === 'number') requiredLimits[name] = v;
  }
  return adapter.requestDevice({ requiredLimits });
}

/** Finds an adapter and a device per the options; throws BackendError when there is none. */
export async function acquireDevice(options: WebGpuOptions = {}): Promise<Acquired> {
  if (options.device) {
    return {
      device: options.device,
      adapter: {
        featureLevel: options.device.features.has('core-features-and-limits') ? 'core' : 'compatibility',
        vendor: '',
        architecture: '',
        device: 'external device',
        description: '',
        software: false,
        runtime: 'external',
      },
    };
  }
  const want = options.featureLevel ?? 'auto';
  const g = globalThis as MaybeNodeGlobal;
  const browserGpu = g.navigator?.gpu;
  const isNode = typeof g.process?.versions?.node === 'string';
  const tried: string[] = [];

  const attempt = async (
    gpu: GPU,
    level: FeatureLevel,
    runtime: AdapterReport['runtime'],
  ): Promise<Acquired | null> => {
    const adapter = await adapterFrom(gpu, level, options.powerPreference);
    tried.push(`${runtime}/${level}: ${adapter ? 'found' : 'none'}`);
    if (!adapter) return null;
    // A 'core' request may still return a compatibility adapter on old implementations: check.
    const actual: FeatureLevel =
      level === 'core' || adapter.features.has('core-features-and-limits') ? 'core' : 'compatibility';
    if (want === 'core' && actual !== 'core') return null;
    const device = await deviceFrom(adapter);
    return { device, adapter: describe(adapter, actual, runtime) };
  };

  const levels: FeatureLevel[] = want === 'auto' ? ['core', 'compatibility'] : [want];
  if (browserGpu) {
    for (const level of levels) {
      const got = await attempt(browserGpu, level, 'browser');
      if (got) return got;
    }
  } else if (isNode) {
    for (const level of levels) {
      const dawnOptions = options.dawnOptions ?? (level === 'core' ? [] : ['backend=opengles']);
      const gpu = await nodeGpu(dawnOptions);
      const got = await attempt(gpu, level, 'node-dawn');
      if (got) return got;
    }
  }
  throw new BackendError(
    'webgpu',
    `no WebGPU adapter available (${tried.join('; ') || 'no navigator.gpu and not running in Node'})`,
  );
}
