// The contract between the runner, the per-process worker and the library modules.

import type { Checksum, Readback } from './data.js';

export type BackendClass = 'cpu' | 'wasm' | 'webgpu';

/** One prepared workload: inputs uploaded, `run` does one timed iteration and reads every output back. */
export interface Prepared {
  run(): Promise<Readback[]>;
  dispose?(): void;
}

export type WorkloadImpl = () => Promise<Prepared>;

/** What a library module's `load(backend)` returns once the backend is ready. */
export interface Library {
  version: string;
  workloads: Partial<Record<string, WorkloadImpl>>;
  /** Why a workload is not measured for this library/backend (shown in the table as n/a). */
  unsupported?: Partial<Record<string, string>>;
  /** Extra facts for the report (e.g. the GPU adapter, thread counts). */
  info?: Record<string, string>;
  /** Live tensors / bytes the library itself tracks, when it exposes that. */
  memory?(): { tensors?: number; bytes?: number };
}

export interface LibraryModule {
  load(backend: string): Promise<Library>;
}

/** Runner -> worker arguments (JSON in argv[2]). */
export interface WorkerArgs {
  lib: string;
  backend: string;
  workloads: string[];
  quick: boolean;
}

export interface WorkloadResult {
  workload: string;
  status: 'ok' | 'n/a' | 'error';
  /** Per-iteration wall times in ms (each includes the readback). */
  times?: number[];
  median?: number;
  min?: number;
  max?: number;
  reps?: number;
  checks?: Checksum[];
  reason?: string;
  /** Library-tracked tensors alive after the workload minus before (0 when memory stays flat). */
  leakedTensors?: number;
  /** Processes the iterations came from (WorkloadSpec.processes), when more than one. */
  processes?: number;
  /** Each process's median, when more than one process ran the workload (`median` is their median). */
  processMedians?: number[];
  /** Extra processes of this workload that failed (their errors); the cell is over the others. */
  failedProcesses?: string[];
}

export type WorkerMessage =
  | { type: 'ready'; startupMs: number; version: string; info?: Record<string, string> }
  | { type: 'result'; result: WorkloadResult }
  | {
      type: 'done';
      peakRssMiB: number;
      peakHeapMiB: number;
      peakExternalMiB: number;
    }
  | { type: 'fatal'; error: string };
