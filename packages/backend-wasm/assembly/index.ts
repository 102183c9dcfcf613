// The libml wasm kernel module. Memory is imported (the JS side owns allocation); every export takes
// pointers into it. Built with: asc assembly/index.ts -O3 --enable simd --runtime stub --noAssert --importMemory

export { advance } from './common';
export { imageToColumns } from './conv';
export { copyStrided, fill8, fill32, gather, normalizeIndices, scatterAddF32 } from './copy';
export { binaryF32, binaryI32, binaryU8, cast, compare, unaryF32, unaryF32Bits, unaryI32, where } from './elementwise';
export { fusedChunks } from './fused';
export { convGemm, GEMM_WORKSPACE, gemm } from './gemm';
export { avgPool, maxPool, maxPoolGrad } from './pool';
export { WINOGRAD_TEMP, WINOGRAD_TILES, winogradConv, winogradFilter } from './winograd';
export { argReduce, moments, reduceF32, reduceI32, softmax } from './reduce';

/** First free byte after the module's static data: the JS allocator starts here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
