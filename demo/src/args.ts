// The demo's command line: flags, their defaults and validation.

export interface Options {
  backend: string;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Several seeds (--seeds 1-5 or 1,3,5): train once per seed and report the mean test accuracy. */
  seeds: number[] | undefined;
  lr: number;
  /** Compile the training step with jit (default); --no-jit runs it op by op. */
  jit: boolean;
  /** Output folder; undefined means demo/out. */
  out: string | undefined;
}

export const DEFAULTS: Options = {
  backend: 'cpu',
  epochs: 15,
  batchSize: 32,
  seed: 1,
  seeds: undefined,
  lr: 3e-3,
  jit: true,
  out: undefined,
};

export const USAGE = `usage: node demo/dist/main.js [flags]
  --backend cpu|wasm|webgpu  backend to train on (default cpu)
  --epochs N                 passes over the training set (default ${DEFAULTS.epochs})
  --batch-size N             images per step (default ${DEFAULTS.batchSize})
  --seed N                   seed of the split, initialisation and shuffling (default ${DEFAULTS.seed})
  --seeds A-B|A,B,...        train once per seed and report each test accuracy and the mean
  --lr X                     Adam learning rate (default ${DEFAULTS.lr})
  --no-jit                   run the training step op by op instead of compiling it with jit
  --out DIR                  output folder (default demo/out)`;

export class UsageError extends Error {
  override name = 'UsageError';
}

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} needs a positive integer, got '${value}'`);
  return n;
}

function parseSeeds(value: string | undefined): number[] {
  const range = /^(\d+)-(\d+)$/.exec(value ?? '');
  if (range) {
    const [lo, hi] = [Number(range[1]), Number(range[2])];
    if (hi < lo) throw new UsageError(`--seeds range ${value} is empty`);
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  }
  const list = (value ?? '').split(',').map(Number);
  if (list.length === 0 || !list.every((s) => Number.isInteger(s) && s >= 0))
    throw new UsageError(`--seeds needs a range (1-5) or a list (1,2,3), got '${value}'`);
  return list;
}

export function parseArgs(argv: readonly string[]): Options {
  const o: Options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') continue;
    if (argv[i] === '--no-jit' || argv[i] === '--jit') {
      o.jit = argv[i] === '--jit';
      continue;
    }
    const eq = argv[i].indexOf('=');
    const flag = eq >= 0 ? argv[i].slice(0, eq) : argv[i];
    const value = eq >= 0 ? argv[i].slice(eq + 1) : argv[++i];
    switch (flag) {
      case '--backend':
        o.backend = value ?? '';
        break;
      case '--epochs':
        o.epochs = positiveInt(flag, value);
        break;
      case '--batch-size':
        o.batchSize = positiveInt(flag, value);
        break;
      case '--seed': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0)
          throw new UsageError(`--seed needs an integer >= 0, got '${value}'`);
        o.seed = n;
        break;
      }
      case '--seeds':
        o.seeds = parseSeeds(value);
        break;
      case '--lr': {
        const x = Number(value);
        if (!(x > 0)) throw new UsageError(`--lr needs a positive number, got '${value}'`);
        o.lr = x;
        break;
      }
      case '--out':
        if (!value) throw new UsageError('--out needs a folder');
        o.out = value;
        break;
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown flag '${flag}'`);
    }
  }
  return o;
}
