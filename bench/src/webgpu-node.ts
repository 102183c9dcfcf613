// WebGPU in Node through the `webgpu` npm package (Dawn). With no GPU here, Dawn runs on OpenGL ES over
// Mesa's llvmpipe (software), which only offers the 'compatibility' feature level.

interface AdapterLike {
  info?: Record<string, unknown>;
}
interface GpuLike {
  requestAdapter(options?: Record<string, unknown>): Promise<AdapterLike | null>;
}

let installed: { gpu: GpuLike; adapter: Record<string, string> } | undefined;

/** Installs `navigator.gpu` (and the userAgent / hardwareConcurrency stand-ins some libraries read). */
export async function installNodeWebGPU(): Promise<{ gpu: GpuLike; adapter: Record<string, string> }> {
  if (installed) return installed;
  // Must be set before the first create(): Dawn's EGL has no display to open otherwise.
  process.env.EGL_PLATFORM ??= 'surfaceless';
  const { create, globals } = (await import('webgpu')) as unknown as {
    create(flags: string[]): GpuLike;
    globals: Record<string, unknown>;
  };
  Object.assign(globalThis, globals);
  const gpu = create(['backend=opengles']);
  const adapter: Record<string, string> = {};
  const requestAdapter = gpu.requestAdapter.bind(gpu);
  gpu.requestAdapter = async (options = {}) => {
    const a = await requestAdapter({ ...options, featureLevel: 'compatibility' });
    for (const k of ['vendor', 'architecture', 'device', 'description']) {
      const v = a?.info?.[k];
      if (typeof v === 'string' && v) adapter[k] = v;
    }
    return a;
  };
  const os = await import('node:os');
  const prev = (globalThis as { navigator?: object }).navigator ?? {};
  Object.defineProperty(globalThis, 'navigator', {
    value: { hardwareConcurrency: os.cpus().length, userAgent: `Node.js/${process.version}`, ...prev, gpu },
    configurable: true,
    writable: true,
  });
  installed = { gpu, adapter };
  return installed;
}

/** Adapter description for the report, e.g. "llvmpipe (LLVM 19.1.7, 256 bits)". */
export const adapterText = (a: Record<string, string>): string =>
  [a.description, a.vendor, a.architecture, a.device].filter(Boolean).join(' / ') || 'unknown adapter';
