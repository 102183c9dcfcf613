// Seeded counter-based random numbers (Philox4x32-10), computed in core so every backend gets the same values.

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the unsigned 64-bit product a*b. */
function mulhi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lo = aLo * bLo;
  const mid1 = aHi * bLo;
  const mid2 = aLo * bHi;
  const carry = ((lo >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff)) >>> 16;
  return (aHi * bHi + (mid1 >>> 16) + (mid2 >>> 16) + carry) >>> 0;
}

/** Philox4x32-10: four 32-bit outputs for the 128-bit counter (c0..c3) and 64-bit key (k0, k1). */
export function philox4x32(c: Uint32Array, k0: number, k1: number, out: Uint32Array): void {
  let x0 = c[0];
  let x1 = c[1];
  let x2 = c[2];
  let x3 = c[3];
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulhi(M0, x0);
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi1 = mulhi(M1, x2);
    const lo1 = Math.imul(M1, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ key0) >>> 0;
    x1 = lo1;
    x2 = (hi0 ^ x3 ^ key1) >>> 0;
    x3 = lo0;
    key0 = (key0 + W0) >>> 0;
    key1 = (key1 + W1) >>> 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

/**
 * `n` uniform 32-bit words for `seed`, starting at counter `offset` (in blocks of four words). The same
 * (seed, offset) always gives the same words, on every backend and platform.
 */
export function randomBits(seed: number, n: number, offset = 0): Uint32Array {
  const out = new Uint32Array(n);
  const counter = new Uint32Array(4);
  const block = new Uint32Array(4);
  const k0 = seed >>> 0;
  const k1 = Math.floor(seed / 0x100000000) >>> 0;
  for (let i = 0; i < n; i += 4) {
    const c = offset + i / 4;
    counter[0] = c >>> 0;
    counter[1] = Math.floor(c / 0x100000000) >>> 0;
    philox4x32(counter, k0, k1, block);
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = block[j];
  }
  return out;
}

/** Uniform floats in [0, 1) with 24 random bits (exactly representable in float32). */
export function uniformFloats(seed: number, n: number, offset = 0): Float64Array {
  const bits = randomBits(seed, n, offset);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (bits[i] >>> 8) * 2 ** -24;
  return out;
}

/** Standard normal floats by Box-Muller over pairs of uniforms. */
export function normalFloats(seed: number, n: number, offset = 0): Float64Array {
  const m = n + (n % 2);
  const u = uniformFloats(seed, m, offset);
  const out = new Float64Array(n);
  for (let i = 0; i < m; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u[i])); // 1 - u is in (0, 1]: log is finite
    const theta = 2 * Math.PI * u[i + 1];
    out[i] = r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}

let globalSeed = 0x5eed;
let globalCounter = 0;

/** Sets the seed that random functions use when called without one. */
export function setSeed(seed: number): void {
  globalSeed = seed;
  globalCounter = 0;
}

/** The seed and counter offset for the next unseeded draw of `n` numbers (advances the stream). */
export function nextStream(n: number): { seed: number; offset: number } {
  const offset = globalCounter;
  globalCounter += Math.ceil(n / 4) + 1;
  return { seed: globalSeed, offset };
}
