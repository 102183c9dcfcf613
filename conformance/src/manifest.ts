// Builds the manifest the float64 reference generator reads: every case's inputs (as drawn here),
// attributes, differentiable inputs, and seeded cotangents. Output shapes come from running the op
// on a backend; the generator rejects cotangents that do not fit its own outputs.

import { tidy } from '@libml/core';
import { suites } from './cases/index.js';
import { cotangentsFor, prepare, secondCotangentsFor, toTensor } from './checks.js';
import { checksum, type HostArray } from './inputs.js';

type Json = number | string | boolean | null | Json[] | { [k: string]: Json };

function encode(h: HostArray): Json {
  const data = Array.from(h.data, (v): Json => {
    if (h.dtype === 'bool') return v !== 0;
    if (Number.isNaN(v)) return 'NaN';
    if (Object.is(v, -0)) return '-0.0'; // JSON has no -0; the generator parses the string
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    return v;
  });
  return { dtype: h.dtype, shape: [...h.shape], data };
}

export function buildManifest(): Json {
  const cases: Json[] = [];
  for (const suite of suites) {
    for (const c of suite.cases) {
      const p = prepare(suite, c, undefined);
      const shapes = tidy(() => {
        const out = suite.run(
          p.inputs.map((h) => toTensor(h)),
          p.attrs,
        );
        return (Array.isArray(out) ? out : [out]).map((t) => [...t.shape]);
      });
      const entry: { [k: string]: Json } = {
        op: suite.op,
        name: c.name,
        attrs: (c.attrs ?? {}) as Json,
        inputs: p.inputs.map(encode),
        diff: [...p.diff],
        checksum: checksum(p.inputs),
      };
      if (p.diff.length > 0) {
        entry.cotangents = cotangentsFor(suite, c, shapes).map(encode);
        entry.secondCotangents = secondCotangentsFor(suite, p).map(encode);
      }
      cases.push(entry);
    }
  }
  return { version: 1, cases };
}
