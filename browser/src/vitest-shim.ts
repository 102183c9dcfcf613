// A minimal stand-in for the part of vitest's API that @libml/conformance uses (describe, test,
// test.fails, beforeAll, afterAll, expect(...).toBe / toEqual), so the published suite runs unchanged in
// a browser page: the bundler maps the 'vitest' import of @libml/conformance's dist to this module.
// Tests are collected when describe() is called and run in order by run(); no timeouts, no concurrency.

type Fn = () => unknown;

interface TestEntry {
  readonly kind: 'test';
  readonly name: string;
  readonly fn: Fn;
  readonly fails: boolean;
}

interface Suite {
  readonly kind: 'suite';
  readonly name: string;
  readonly children: (Suite | TestEntry)[];
  readonly beforeAll: Fn[];
  readonly afterAll: Fn[];
}

export interface TestResult {
  /** Suite names and the test's, joined with ' > '. */
  readonly name: string;
  readonly status: 'pass' | 'fail';
  /** test.fails: expected to fail (passes when its body throws). */
  readonly expectedToFail: boolean;
  readonly ms: number;
  readonly error?: string;
}

export interface RunSummary {
  readonly tests: number;
  readonly passed: number;
  readonly failed: number;
  readonly ms: number;
  readonly results: TestResult[];
}

const newSuite = (name: string): Suite => ({
  kind: 'suite',
  name,
  children: [],
  beforeAll: [],
  afterAll: [],
});

const root = newSuite('');
let current = root;

/** Names of suites and tests to leave out (not collected, so not run and not reported). */
const leftOut = new Set<string>();

/** Leaves out the suites and tests with these names (before the suite is registered). */
export function leaveOut(names: Iterable<string>): void {
  for (const n of names) leftOut.add(n);
}

export function describe(name: string, body: () => void): void {
  if (leftOut.has(name)) return;
  const suite = newSuite(name);
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    body();
  } finally {
    current = parent;
  }
}

function addTest(name: string, fn: Fn, fails: boolean): void {
  if (leftOut.has(name)) return;
  current.children.push({ kind: 'test', name, fn, fails });
}

export const test = Object.assign((name: string, fn: Fn) => addTest(name, fn, false), {
  fails: (name: string, fn: Fn) => addTest(name, fn, true),
});
export const it = test;

export function beforeAll(fn: Fn): void {
  current.beforeAll.push(fn);
}

export function afterAll(fn: Fn): void {
  current.afterAll.push(fn);
}

class AssertionError extends Error {
  override name = 'AssertionError';
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function show(x: unknown): string {
  try {
    return JSON.stringify(x)?.slice(0, 500) ?? String(x);
  } catch {
    return String(x);
  }
}

type Matcher = (actual: unknown, expected?: unknown) => [boolean, string];

const MATCHERS: Record<string, Matcher> = {
  toBe: (a, e) => [Object.is(a, e), `to be ${show(e)}`],
  toEqual: (a, e) => [deepEqual(a, e), `to equal ${show(e)}`],
  toStrictEqual: (a, e) => [deepEqual(a, e), `to strictly equal ${show(e)}`],
  toBeNull: (a) => [a === null, 'to be null'],
  toBeUndefined: (a) => [a === undefined, 'to be undefined'],
  toBeDefined: (a) => [a !== undefined, 'to be defined'],
  toBeTruthy: (a) => [Boolean(a), 'to be truthy'],
  toBeFalsy: (a) => [!a, 'to be falsy'],
  toBeNaN: (a) => [Number.isNaN(a), 'to be NaN'],
  toBeGreaterThan: (a, e) => [(a as number) > (e as number), `to be > ${show(e)}`],
  toBeGreaterThanOrEqual: (a, e) => [(a as number) >= (e as number), `to be >= ${show(e)}`],
  toBeLessThan: (a, e) => [(a as number) < (e as number), `to be < ${show(e)}`],
  toBeLessThanOrEqual: (a, e) => [(a as number) <= (e as number), `to be <= ${show(e)}`],
  toHaveLength: (a, e) => [(a as { length?: number } | null)?.length === e, `to have length ${show(e)}`],
  toContain: (a, e) => [
    typeof a === 'string' ? a.includes(e as string) : Array.from(a as Iterable<unknown>).includes(e),
    `to contain ${show(e)}`,
  ],
  toMatch: (a, e) => [
    typeof a === 'string' && (e instanceof RegExp ? e.test(a) : a.includes(e as string)),
    `to match ${String(e)}`,
  ],
  toBeInstanceOf: (a, e) => [a instanceof (e as new () => unknown), 'to be an instance of the class'],
  toThrow: (a, e) => {
    try {
      (a as () => unknown)();
    } catch (err) {
      const text = String((err as Error)?.message ?? err);
      const ok = e === undefined || (e instanceof RegExp ? e.test(text) : text.includes(String(e)));
      return [ok, `to throw ${e === undefined ? '' : String(e)}`];
    }
    return [false, 'to throw'];
  },
};

type Assertion = { [K in keyof typeof MATCHERS]: (expected?: unknown) => void };

function assertion(actual: unknown, message: string | undefined, negate: boolean): Assertion {
  const out: Record<string, (expected?: unknown) => void> = {};
  for (const [name, matcher] of Object.entries(MATCHERS)) {
    out[name] = (expected?: unknown) => {
      const [ok, what] = matcher(actual, expected);
      if (ok === negate) {
        throw new AssertionError(message || `expected ${show(actual)} ${negate ? 'not ' : ''}${what}`);
      }
    };
  }
  return out as Assertion;
}

/** expect(actual, message?): the common vitest matchers, and `.not`. */
export function expect(actual: unknown, message?: string): Assertion & { not: Assertion } {
  return Object.assign(assertion(actual, message, false), { not: assertion(actual, message, true) });
}

/** Hooks for the page: progress after each test. */
export interface RunListener {
  onResult?(result: TestResult, done: number): void;
}

async function runSuite(suite: Suite, path: string[], out: TestResult[], listen: RunListener): Promise<void> {
  const names = suite.name ? [...path, suite.name] : path;
  let hookError: string | undefined;
  for (const hook of suite.beforeAll) {
    try {
      await hook();
    } catch (e) {
      hookError = `beforeAll failed: ${(e as Error).stack ?? String(e)}`;
      break;
    }
  }
  for (const child of suite.children) {
    if (child.kind === 'suite') {
      if (hookError) {
        out.push({
          name: [...names, child.name].join(' > '),
          status: 'fail',
          expectedToFail: false,
          ms: 0,
          error: hookError,
        });
        continue;
      }
      await runSuite(child, names, out, listen);
      continue;
    }
    const name = [...names, child.name].join(' > ');
    const start = performance.now();
    let error: string | undefined = hookError;
    if (!hookError) {
      let threw: unknown;
      try {
        await child.fn();
      } catch (e) {
        threw = e ?? new Error('threw');
      }
      if (child.fails) error = threw ? undefined : 'expected to fail (test.fails), but it passed';
      else if (threw) error = (threw as Error).stack ?? String(threw);
    }
    const result: TestResult = {
      name,
      status: error ? 'fail' : 'pass',
      expectedToFail: child.fails,
      ms: Math.round(performance.now() - start),
      ...(error ? { error } : {}),
    };
    out.push(result);
    listen.onResult?.(result, out.length);
  }
  for (const hook of suite.afterAll) {
    try {
      await hook();
    } catch (e) {
      out.push({
        name: `${names.join(' > ')} (afterAll)`,
        status: 'fail',
        expectedToFail: false,
        ms: 0,
        error: (e as Error).stack ?? String(e),
      });
    }
  }
}

/** Runs every test collected so far, in order. */
export async function run(listen: RunListener = {}): Promise<RunSummary> {
  const start = performance.now();
  const results: TestResult[] = [];
  await runSuite(root, [], results, listen);
  const passed = results.filter((r) => r.status === 'pass').length;
  return {
    tests: results.length,
    passed,
    failed: results.length - passed,
    ms: Math.round(performance.now() - start),
    results,
  };
}

/** Tests collected so far (counted before running). */
export function collected(): number {
  const count = (s: Suite): number => s.children.reduce((n, c) => n + (c.kind === 'suite' ? count(c) : 1), 0);
  return count(root);
}
