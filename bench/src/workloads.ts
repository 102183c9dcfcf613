// The workload catalogue: what is measured, its size, how the figure of merit is computed, and how many
// repetitions it gets. Every library module implements (a subset of) these ids; a missing id is reported
// as "n/a" with the library's reason.

export type Metric = 'GFLOP/s' | 'GB/s' | 'ms' | 'µs';

export interface WorkloadSpec {
  id: string;
  /** Group name matched by `--workload` (e.g. `matmul` selects every matmul size). */
  group: string;
  title: string;
  metric: Metric;
  /** Work per iteration: FLOPs for GFLOP/s, bytes for GB/s; unused for time metrics. */
  work?: number;
  /** Full-run repetitions (after warm-up); the runner stops earlier when `budgetMs` is spent (min 3). */
  reps: number;
  warmup: number;
  budgetMs: number;
  /** Skipped by `--quick` (only the big sizes). */
  skipQuick?: boolean;
  /**
   * Fresh processes per implementation (full runs): after the main pass, each implementation runs this
   * workload alone in `processes - 1` more processes, alternating implementations, and the cell is the
   * median of the processes' medians. For the rows the issues set targets on: a busy spell of this shared
   * machine, or per-process state (the software GPU's thread pool, a worker's wake-up), then moves one
   * process's figure, not the row.
   */
  processes?: number;
  /**
   * Measured only in processes of its own (full runs): not after the other workloads in the main pass,
   * whose leftover state (pools, caches, the software GPU's threads) differs from library to library.
   */
  isolated?: boolean;
  /** A slot for a later issue: listed in the report, never run. */
  planned?: string;
}

export const CONV = { n: 8, h: 32, w: 32, cin: 16, cout: 32, k: 3 } as const;
const convFlops = 2 * CONV.n * CONV.h * CONV.w * CONV.cout * CONV.cin * CONV.k * CONV.k;
export const ADD_N = 1 << 20;
export const SMALL_N = 4096;
export const SOFTMAX = [1024, 1024] as const;
export const BN_SHAPE = [32, 64, 16, 16] as const;
export const MLP = { batch: 128, sizes: [784, 256, 128, 10], lr: 0.1 } as const;
/** The demo's CNN on 1x8x8 digits: conv3x3(16)-bn-relu-pool2, conv3x3(32)-bn-relu-pool2, linear(128, 10). */
export const CNN = { batch: 64, channels: [1, 16, 32], classes: 10, lr: 0.05 } as const;

const matmul = (
  n: number,
  reps: number,
  budgetMs: number,
  skipQuick = false,
  processes?: number,
): WorkloadSpec => ({
  id: `matmul-${n}`,
  group: 'matmul',
  title: `matmul ${n}x${n} @ ${n}x${n}`,
  metric: 'GFLOP/s',
  work: 2 * n ** 3,
  reps,
  warmup: 2,
  budgetMs,
  skipQuick,
  ...(processes ? { processes } : {}),
});

export const WORKLOADS: WorkloadSpec[] = [
  matmul(128, 30, 4000),
  matmul(256, 20, 6000, false, 3),
  matmul(512, 10, 12000, false, 3),
  matmul(1024, 5, 20000, true, 3),
  {
    id: 'conv2d-nhwc',
    group: 'conv2d',
    title: 'conv2d NHWC [8,32,32,16] * 3x3x16->32, same',
    metric: 'GFLOP/s',
    work: convFlops,
    reps: 10,
    warmup: 2,
    budgetMs: 10000,
    processes: 3,
  },
  {
    id: 'conv2d-nchw',
    group: 'conv2d',
    title: 'conv2d NCHW [8,16,32,32] * 32x16x3x3, same',
    metric: 'GFLOP/s',
    work: convFlops,
    reps: 10,
    warmup: 2,
    budgetMs: 10000,
    processes: 3,
  },
  {
    id: 'conv2d-grad-nhwc',
    group: 'conv2d-grad',
    title: 'conv2d NHWC gradients (dx and dw)',
    metric: 'GFLOP/s',
    work: 2 * convFlops,
    reps: 5,
    warmup: 1,
    budgetMs: 15000,
  },
  {
    id: 'conv2d-grad-nchw',
    group: 'conv2d-grad',
    title: 'conv2d NCHW gradients (dx and dw)',
    metric: 'GFLOP/s',
    work: 2 * convFlops,
    reps: 5,
    warmup: 1,
    budgetMs: 15000,
  },
  {
    id: 'add-1m',
    group: 'add',
    title: 'add 2^20 + 2^20 float32',
    metric: 'GB/s',
    work: 3 * 4 * ADD_N,
    reps: 20,
    warmup: 3,
    budgetMs: 5000,
  },
  {
    id: 'softmax',
    group: 'softmax',
    title: 'softmax [1024,1024], last axis',
    metric: 'ms',
    reps: 10,
    warmup: 2,
    budgetMs: 10000,
    processes: 3,
  },
  {
    id: 'batchnorm-train',
    group: 'batchnorm',
    title: 'batchNorm training, NCHW [32,64,16,16]',
    metric: 'ms',
    reps: 10,
    warmup: 2,
    budgetMs: 10000,
  },
  {
    id: 'mlp-train',
    group: 'mlp',
    title: 'MLP 784-256-128-10 train step, batch 128 (relu, softmax CE, SGD)',
    metric: 'ms',
    reps: 10,
    warmup: 2,
    budgetMs: 15000,
    processes: 3,
  },
  {
    id: 'cnn-digits-train',
    group: 'cnn',
    title: 'digits CNN train step, batch 64 (demo architecture: conv-bn-relu-pool x2, linear; SGD)',
    metric: 'ms',
    reps: 10,
    warmup: 2,
    budgetMs: 15000,
    processes: 3,
  },
  {
    id: 'add-small-latency',
    group: 'latency',
    title: 'small-op latency: add 4096 + 4096 incl. readback',
    metric: 'µs',
    reps: 300,
    warmup: 20,
    budgetMs: 3000,
    processes: 5,
    isolated: true,
  },
];

export function workloadById(id: string): WorkloadSpec {
  const w = WORKLOADS.find((x) => x.id === id);
  if (!w) throw new Error(`unknown workload '${id}'`);
  return w;
}

/** `--workload` filter: a comma-separated list of ids or groups (`matmul`, `conv2d-nhwc`). */
export function selectWorkloads(filter: string | undefined, quick: boolean): WorkloadSpec[] {
  const keys = filter
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return WORKLOADS.filter((w) => {
    if (keys && !keys.some((k) => w.id === k || w.group === k)) return false;
    if (quick && w.skipQuick && !keys?.includes(w.id)) return false;
    return true;
  });
}

/** Converts a median time (ms) into the workload's figure of merit. */
export function metricValue(w: WorkloadSpec, ms: number): number {
  switch (w.metric) {
    case 'GFLOP/s':
      return w.work! / (ms * 1e-3) / 1e9;
    case 'GB/s':
      return w.work! / (ms * 1e-3) / 1e9;
    case 'ms':
      return ms;
    case 'µs':
      return ms * 1e3;
  }
}

/** True when a larger value is better. */
export const higherIsBetter = (w: WorkloadSpec): boolean => w.metric === 'GFLOP/s' || w.metric === 'GB/s';
