// Typed errors. Every error names the operator, the argument and the shapes involved.

/** A tensor shape: the size of each axis, outermost first (empty for a scalar). */
export type Shape = readonly number[];

/** Formats a shape for messages, e.g. `[2, 3]`. */
export function fmtShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Base class of every error libml throws on purpose. */
export class LibmlError extends Error {
  /** The operator (or API function) that rejected its input. */
  readonly op: string;
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.op = op;
    this.name = new.target.name;
  }
}

/** Shapes that do not fit together (broadcasting, matmul inner dims, concat, reshape sizes...). */
export class ShapeError extends LibmlError {
  readonly shapes: Record<string, Shape>;
  constructor(op: string, message: string, shapes: Record<string, Shape> = {}) {
    const detail = Object.entries(shapes)
      .map(([arg, s]) => `${arg} ${fmtShape(s)}`)
      .join(', ');
    super(op, detail ? `${message} (${detail})` : message);
    this.shapes = shapes;
  }
}

/** A bad rank, axis, attribute value or option. */
export class AttributeError extends LibmlError {
  readonly argument: string;
  constructor(op: string, argument: string, message: string) {
    super(op, `argument '${argument}' ${message}`);
    this.argument = argument;
  }
}

/** A dtype the operator does not accept, or one the backend cannot store. */
export class DTypeError extends LibmlError {
  readonly argument: string;
  constructor(op: string, argument: string, message: string) {
    super(op, `argument '${argument}' ${message}`);
    this.argument = argument;
  }
}

/** Use of a tensor after dispose(). */
export class DisposedTensorError extends LibmlError {
  constructor(op: string, argument: string, shape: Shape) {
    super(op, `argument '${argument}' (shape ${fmtShape(shape)}) was disposed`);
  }
}

/** The backend implements neither the kernel nor anything core can decompose it into. */
export class MissingKernelError extends LibmlError {
  readonly kernel: string;
  readonly backend: string;
  constructor(op: string, kernel: string, backend: string) {
    super(op, `backend '${backend}' has no kernel '${kernel}', which is a required primitive`);
    this.kernel = kernel;
    this.backend = backend;
  }
}

/** No backend registered or selected. */
export class NoBackendError extends LibmlError {
  constructor(op: string, detail?: string) {
    super(
      op,
      detail ??
        "no backend is registered. Install one and import it, e.g. `npm install @libml/backend-cpu` then `import '@libml/backend-cpu'`",
    );
  }
}

/** Inputs that live on different backends. */
export class BackendMismatchError extends LibmlError {
  constructor(op: string, argument: string, expected: string, actual: string) {
    super(
      op,
      `argument '${argument}' lives on backend '${actual}' but the other inputs live on '${expected}'`,
    );
  }
}

/** dataSync() on a backend that can only read asynchronously. */
export class AsyncOnlyError extends LibmlError {
  constructor(op: string, backend: string) {
    super(op, `backend '${backend}' reads asynchronously; use \`await tensor.data()\` instead of dataSync()`);
  }
}

/** A backend failed, e.g. out of memory or a lost device. */
export class BackendError extends LibmlError {}

/** jit met something it cannot trace (reading values, drawing random numbers) or bad jit arguments. */
export class TraceError extends LibmlError {}
