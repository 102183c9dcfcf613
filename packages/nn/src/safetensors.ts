// The safetensors file format, in memory: an 8-byte little-endian header length, a JSON header giving
// each tensor's dtype ("F32", "F64", "I32", "BOOL"), shape and data_offsets (plus optional string
// __metadata__), then the raw little-endian bytes. No Node APIs: bytes in and out as Uint8Array.

import type { DataArray, DType } from '@libml/core';
import { tensor } from '@libml/core';
import type { StateDict } from './tree.js';

const TO_FILE: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };
const FROM_FILE: Record<string, DType> = { F32: 'float32', F64: 'float64', I32: 'int32', BOOL: 'bool' };
const ITEM_BYTES: Record<DType, number> = { float64: 8, float32: 4, int32: 4, bool: 1 };
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// UTF-8 coding for the JSON header: TextEncoder/TextDecoder exist in every JS runtime (browsers, Node,
// Deno, Bun) but are typed by the DOM or Node libraries, which this package does not depend on.
const codec = globalThis as unknown as {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
};

/**
 * Thrown for a malformed safetensors file (short file, bad header, unsupported dtype, shape or data offsets
 * that do not fit) and for a tensor named '__metadata__' on encode.
 */
export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/**
 * Serialises named tensors (read with `await data()`, so any backend) to safetensors bytes. Tensors are
 * laid out by decreasing item size, then name, so every one is aligned in the file.
 */
export async function encodeSafetensors(
  tensors: StateDict,
  metadata?: Record<string, string>,
): Promise<Uint8Array> {
  const names = Object.keys(tensors).sort((a, b) => {
    const d = ITEM_BYTES[tensors[b].dtype] - ITEM_BYTES[tensors[a].dtype];
    return d !== 0 ? d : a < b ? -1 : a > b ? 1 : 0;
  });
  const header: Record<string, HeaderEntry | Record<string, string>> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = { ...metadata };
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const name of names) {
    if (name === '__metadata__') throw new SafetensorsError("a tensor cannot be named '__metadata__'");
    const t = tensors[name];
    const bytes = toLittleEndianBytes(await t.data(), t.dtype);
    header[name] = {
      dtype: TO_FILE[t.dtype],
      shape: [...t.shape],
      data_offsets: [offset, offset + bytes.length],
    };
    chunks.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  const encoder = new codec.TextEncoder();
  let headerBytes = encoder.encode(json);
  const pad = (8 - (headerBytes.length % 8)) % 8;
  if (pad > 0) {
    json += ' '.repeat(pad);
    headerBytes = encoder.encode(json);
  }
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The tensors (created on the current backend) and metadata in safetensors bytes. */
export function decodeSafetensors(bytes: Uint8Array): {
  tensors: StateDict;
  metadata: Record<string, string>;
} {
  if (bytes.length < 8) throw new SafetensorsError(`file too short (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8)
    throw new SafetensorsError(`header length ${n} exceeds the file (${bytes.length} bytes)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new codec.TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  } catch (e) {
    throw new SafetensorsError(`the header is not valid JSON: ${(e as Error).message}`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header))
    throw new SafetensorsError('the header must be a JSON object');
  const data = bytes.subarray(8 + n);
  const metadata: Record<string, string> = {};
  const tensors: StateDict = {};
  const created: ReturnType<typeof tensor>[] = [];
  try {
    for (const [name, raw] of Object.entries(header)) {
      if (name === '__metadata__') {
        for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
          if (typeof v !== 'string') throw new SafetensorsError(`__metadata__.${k} must be a string`);
          metadata[k] = v;
        }
        continue;
      }
      const e = raw as Partial<HeaderEntry>;
      const dtype = typeof e?.dtype === 'string' ? FROM_FILE[e.dtype] : undefined;
      if (!dtype)
        throw new SafetensorsError(
          `'${name}': dtype ${JSON.stringify(e?.dtype)} is not supported (F32, F64, I32, BOOL)`,
        );
      const shape = e.shape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
        throw new SafetensorsError(`'${name}': shape must be a list of non-negative integers`);
      const offsets = e.data_offsets;
      if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o)))
        throw new SafetensorsError(`'${name}': data_offsets must be [begin, end]`);
      const [begin, end] = offsets;
      const size = shape.reduce((a, b) => a * b, 1);
      if (begin < 0 || end < begin || end > data.length)
        throw new SafetensorsError(`'${name}': data_offsets [${begin}, ${end}] lie outside the data`);
      if (end - begin !== size * ITEM_BYTES[dtype])
        throw new SafetensorsError(
          `'${name}': ${end - begin} bytes for ${size} ${e.dtype} values (${size * ITEM_BYTES[dtype]} expected)`,
        );
      const t = tensor(fromLittleEndianBytes(data.subarray(begin, end), dtype, size), shape, dtype);
      created.push(t);
      tensors[name] = t;
    }
  } catch (err) {
    for (const t of created) t.dispose();
    throw err;
  }
  return { tensors, metadata };
}

function toLittleEndianBytes(values: DataArray, dtype: DType): Uint8Array {
  const size = ITEM_BYTES[dtype];
  if (LITTLE_ENDIAN || size === 1) {
    return new Uint8Array(values.buffer, values.byteOffset, values.length * size).slice();
  }
  const out = new Uint8Array(values.length * size);
  const v = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    if (dtype === 'float64') v.setFloat64(i * 8, values[i], true);
    else if (dtype === 'float32') v.setFloat32(i * 4, values[i], true);
    else v.setInt32(i * 4, values[i], true);
  }
  return out;
}

function fromLittleEndianBytes(
  bytes: Uint8Array,
  dtype: DType,
  size: number,
): Float32Array | Float64Array | Int32Array | Uint8Array {
  if (dtype === 'bool') return Uint8Array.from(bytes, (b) => (b !== 0 ? 1 : 0));
  const copy = bytes.slice(); // aligned, owned
  if (LITTLE_ENDIAN) {
    if (dtype === 'float64') return new Float64Array(copy.buffer, 0, size);
    if (dtype === 'float32') return new Float32Array(copy.buffer, 0, size);
    return new Int32Array(copy.buffer, 0, size);
  }
  const v = new DataView(copy.buffer);
  if (dtype === 'float64') return Float64Array.from({ length: size }, (_, i) => v.getFloat64(i * 8, true));
  if (dtype === 'float32') return Float32Array.from({ length: size }, (_, i) => v.getFloat32(i * 4, true));
  return Int32Array.from({ length: size }, (_, i) => v.getInt32(i * 4, true));
}
