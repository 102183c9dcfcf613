// Part 1: bad input is rejected the same way on every backend, with a typed error naming the op, the
// argument and the shapes, and leaves live tensors and backend bytes unchanged. Empty tensors give the result
// the math defines.

import { LibmlError, type Tensor, tidy } from '@libml/core';
import { afterAll, describe, expect, test } from 'vitest';
import { EMPTY_CASES, ERROR_CASES, type ErrorCase, KNOWN_BUGS } from './error-table.js';
import { BACKENDS, snapshot, use, values } from './support.js';

/** Runs one row; returns a description of what went wrong, or null. */
function check(c: ErrorCase): string | null {
  const xs = c.inputs();
  const before = snapshot();
  let thrown: unknown;
  try {
    const out = c.call(xs);
    tidy(() => out as Tensor); // nothing to keep; disposes whatever came back
  } catch (err) {
    thrown = err;
  }
  const after = snapshot();
  for (const x of xs) x.dispose();
  if (thrown === undefined) return 'no error was thrown';
  if (!(thrown instanceof c.error)) {
    const name = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    return `expected ${c.error.name}, got ${name}`;
  }
  const msg = (thrown as Error).message;
  if (!(thrown instanceof LibmlError) || thrown.op !== c.op || !msg.startsWith(`${c.op}: `))
    return `message does not name the op '${c.op}': ${msg}`;
  const missing = c.mentions.filter((m) => !msg.includes(m));
  if (missing.length > 0) return `message lacks ${missing.map((m) => JSON.stringify(m)).join(', ')}: ${msg}`;
  if (before !== after) return `memory changed: ${before} -> ${after}`;
  return null;
}

const tried: Record<string, number> = {};

describe.each([...BACKENDS, 'primitives-only'] as const)('bad input on %s', (backend) => {
  test('every error row throws its typed error, naming op, argument and shapes, and leaks nothing', async () => {
    await use(backend);
    const failures: string[] = [];
    let n = 0;
    for (const c of ERROR_CASES) {
      if (KNOWN_BUGS.some((k) => k.matches(c))) continue;
      n++;
      const problem = check(c);
      if (problem) failures.push(`${c.op} (${c.name}): ${problem}`);
    }
    tried[backend] = (tried[backend] ?? 0) + n;
    expect(failures, failures.join('\n')).toEqual([]);
  });

  for (const bug of KNOWN_BUGS) {
    const rows = ERROR_CASES.filter((c) => bug.matches(c));
    test.fails(`known failure (${rows.length} rows): ${bug.reason}`, async () => {
      await use(backend);
      tried[backend] = (tried[backend] ?? 0) + rows.length;
      const failures = rows.map((c) => check(c)).filter((p) => p !== null);
      expect(failures).toEqual([]);
    });
  }

  test('empty tensors give the defined result', async () => {
    await use(backend);
    const failures: string[] = [];
    for (const c of EMPTY_CASES) {
      const xs = c.inputs();
      try {
        const y = c.call(xs);
        const got = await values(y);
        const shapeOk = JSON.stringify(y.shape) === JSON.stringify(c.shape);
        const valuesOk =
          got.length === c.values.length &&
          got.every((v, i) => Object.is(v, c.values[i]) || v === c.values[i]);
        if (!shapeOk || !valuesOk)
          failures.push(
            `${c.op} (${c.name}): got [${y.shape}] ${JSON.stringify(got)}, expected [${c.shape}] ${JSON.stringify(c.values)}`,
          );
        y.dispose();
      } catch (err) {
        failures.push(`${c.op} (${c.name}): threw ${(err as Error).name}: ${(err as Error).message}`);
      }
      for (const x of xs) x.dispose();
    }
    tried[backend] = (tried[backend] ?? 0) + EMPTY_CASES.length;
    expect(failures, failures.join('\n')).toEqual([]);
  });
});

afterAll(() => {
  const ops = new Set([...ERROR_CASES, ...EMPTY_CASES].map((c) => c.op)).size;
  console.log(
    `[reliability] bad input: ${ERROR_CASES.length} error rows + ${EMPTY_CASES.length} empty-tensor rows over ${ops} ops; tried per backend: ${Object.entries(
      tried,
    )
      .map(([b, n]) => `${b} ${n}`)
      .join(', ')}`,
  );
});
