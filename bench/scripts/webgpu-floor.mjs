// The floor of small-op latency on this machine's WebGPU: raw Dawn (the `webgpu` package, OpenGL ES over
// llvmpipe when there is no GPU), no library: a copy + map round trip, and one trivial compute dispatch +
// copy + map (what `add` of two 4,096-element tensors plus a read-back cannot go below).
// Run from bench/: node scripts/webgpu-floor.mjs
process.env.EGL_PLATFORM = 'surfaceless';
const { create, globals } = await import('/work/main/node_modules/.pnpm/node_modules/webgpu/index.js').catch(
  async () => await import('webgpu'),
);
Object.assign(globalThis, globals);
const gpu = create(['backend=opengles']);
const adapter = (await gpu.requestAdapter()) ?? (await gpu.requestAdapter({ featureLevel: 'compatibility' }));
const device = await adapter.requestDevice();
const n = 4096;
const buf = device.createBuffer({ size: n * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
const staging = device.createBuffer({
  size: n * 4,
  usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
});
const module = device.createShaderModule({
  code: `@group(0) @binding(0) var<storage, read_write> x: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3u) { if (g.x < ${n}u) { x[g.x] = x[g.x] + 1.0; } }`,
});
const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
const bg = device.createBindGroup({
  layout: pipeline.getBindGroupLayout(0),
  entries: [{ binding: 0, resource: { buffer: buf } }],
});
async function once(compute) {
  const enc = device.createCommandEncoder();
  if (compute) {
    const p = enc.beginComputePass();
    p.setPipeline(pipeline);
    p.setBindGroup(0, bg);
    p.dispatchWorkgroups(n / 64);
    p.end();
  }
  enc.copyBufferToBuffer(buf, 0, staging, 0, n * 4);
  device.queue.submit([enc.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  staging.getMappedRange().slice(0);
  staging.unmap();
}
for (const compute of [false, true, false, true]) {
  // Medians of 300 round trips each.
  const t = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await once(compute);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  console.log(compute ? 'dispatch+copy+map' : 'copy+map', (t[150] * 1000).toFixed(0), 'us');
}
process.exit(0);
