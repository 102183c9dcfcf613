// jit's graph passes: dead-code elimination, common subexpressions, constant folding, fusion of elementwise
// chains (and matmul epilogues) into fused programs, and the memory plan (each storage freed right after its
// last use). Every pass keeps the graph's meaning; the conformance suite runs every case under jit.

import type { TensorSpec } from '../backend.js';
import { bytesPerElement } from '../dtype.js';
import { shapesEqual, sizeOf } from '../shape.js';
import { FUSIBLE_KERNELS, type Graph, type GraphNode, type ValueUse } from './graph.js';
import { buildProgram } from './program.js';

/** One kernel call of the compiled program, with the storages that die after it. */
export interface Step {
  readonly kernel: string;
  readonly attrs: unknown;
  readonly inputs: readonly ValueUse[];
  readonly outputs: readonly number[];
  readonly specs: readonly TensorSpec[];
  /** Values whose storage is released once this step ran. */
  readonly frees: number[];
  /** How many traced kernels this step stands for (fused steps > 1). */
  readonly fusedFrom: number;
}

/** What jit's passes did to one compiled signature (`jitted.stats()`). */
export interface PassStats {
  readonly tracedKernels: number;
  readonly deadRemoved: number;
  readonly commonRemoved: number;
  readonly folded: number;
  readonly fusedPrograms: number;
  readonly fusedKernels: number;
  readonly matmulEpilogues: number;
  /** conv2d kernels that became fusedConv2d with an elementwise epilogue. */
  readonly convEpilogues: number;
  readonly steps: number;
  /** Peak bytes of intermediates the plan keeps alive at once (inputs, constants and outputs excluded). */
  readonly plannedPeakBytes: number;
  /** Core's peak live bytes during the eager, traced run (everything the function allocated). */
  readonly eagerPeakBytes: number;
}

/** Stable text of attributes (NaN and -0 kept apart, key order as written). */
export function attrsKey(attrs: unknown): string {
  if (typeof attrs === 'number') return Object.is(attrs, -0) ? '-0' : String(attrs);
  if (attrs === null || attrs === undefined || typeof attrs !== 'object') return JSON.stringify(attrs) ?? 'u';
  if (Array.isArray(attrs)) return `[${attrs.map(attrsKey).join(',')}]`;
  if ('key' in attrs && typeof attrs.key === 'string') return `{key:${attrs.key}}`;
  return `{${Object.entries(attrs)
    .map(([k, v]) => `${k}:${attrsKey(v)}`)
    .join(',')}}`;
}

function useKey(u: ValueUse): string {
  return `${u.value}@${u.shape.join('x')}`;
}

/** Keeps only nodes that reach an output. */
export function eliminateDeadCode<N extends Pick<GraphNode, 'inputs' | 'outputs'>>(
  nodes: readonly N[],
  outputs: readonly ValueUse[],
): N[] {
  const needed = new Set(outputs.map((o) => o.value));
  const kept: N[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (!n.outputs.some((v) => needed.has(v))) continue;
    kept.push(n);
    for (const u of n.inputs) needed.add(u.value);
  }
  return kept.reverse();
}

function remapUse(u: ValueUse, alias: Map<number, number>): ValueUse {
  const v = alias.get(u.value);
  return v === undefined ? u : { ...u, value: v };
}

/** Merges identical constants and identical kernel calls; returns the rewritten nodes and outputs. */
export function eliminateCommonSubexpressions(graph: Graph, nodes: readonly GraphNode[]) {
  const alias = new Map<number, number>();
  // Constants with equal contents (small ones, by value text) become one.
  const constants = new Map<string, number>();
  graph.sources.forEach((s, v) => {
    if (s.kind !== 'constant' || s.values.length > 4096) return;
    const spec = graph.specs[v];
    const key = `${spec.dtype}:${spec.shape.join('x')}:${Array.from(s.values, (x) => (Object.is(x, -0) ? '-0' : String(x))).join(',')}`;
    const first = constants.get(key);
    if (first === undefined) constants.set(key, v);
    else alias.set(v, first);
  });
  const seen = new Map<string, GraphNode>();
  const out: GraphNode[] = [];
  for (const node of nodes) {
    const inputs = node.inputs.map((u) => remapUse(u, alias));
    const key = `${node.kernel}|${attrsKey(node.attrs)}|${inputs.map(useKey).join(',')}`;
    const prior = seen.get(key);
    if (prior) {
      node.outputs.forEach((v, i) => {
        alias.set(v, prior.outputs[i]);
      });
      continue;
    }
    const rewritten = { ...node, inputs };
    seen.set(key, rewritten);
    out.push(rewritten);
  }
  return {
    nodes: out,
    outputs: graph.outputs.map((u) => remapUse(u, alias)),
    removed: nodes.length - out.length,
  };
}

interface Group {
  members: number[];
  readonly shape: readonly number[];
  sealed: boolean;
  id: number;
}

export interface FusionResult {
  readonly steps: Omit<Step, 'frees'>[];
  readonly programs: number;
  readonly fusedKernels: number;
  /** Fused epilogues by producer kernel (matmul, conv2d). */
  readonly epilogues: Readonly<Record<string, number>>;
}

/**
 * Groups chains of same-shaped elementwise kernels into fused programs, and folds a matmul whose only use is
 * such a group into it as the group's epilogue. A group runs where its last member ran; it stops growing once
 * a kernel outside it reads one of its values, which keeps the step order a valid schedule.
 */
export function fuse(
  graph: Graph,
  nodes: readonly GraphNode[],
  outputs: readonly ValueUse[],
  can: {
    elementwise: boolean;
    /** Producer kernels whose elementwise epilogue the backend fuses, with the fused kernel's name. */
    epilogue: ReadonlyMap<string, string>;
    bindings?: number;
  },
): FusionResult {
  const plain = (): FusionResult => ({
    steps: nodes.map((n) => ({ ...n, fusedFrom: 1 })),
    programs: 0,
    fusedKernels: 0,
    epilogues: {},
  });
  if (!can.elementwise && can.epilogue.size === 0) return plain();
  const producer = new Map<number, number>();
  nodes.forEach((n, i) => {
    for (const v of n.outputs) producer.set(v, i);
  });
  const groupOf = new Map<number, Group>();
  let nextId = 0;
  const groups: Group[] = [];
  const seal = (g: Group | undefined, except?: Group) => {
    if (g && g !== except) g.sealed = true;
  };
  nodes.forEach((node, i) => {
    const fusible = FUSIBLE_KERNELS.has(node.kernel) && node.outputs.length === 1;
    if (!fusible) {
      for (const u of node.inputs) seal(groupOf.get(producer.get(u.value) ?? -1));
      return;
    }
    const shape = node.specs[0].shape;
    const candidates = new Set<Group>();
    const misfits = new Set<Group>();
    for (const u of node.inputs) {
      const g = groupOf.get(producer.get(u.value) ?? -1);
      if (!g) continue;
      if (shapesEqual(g.shape, shape) && shapesEqual(u.shape, shape)) candidates.add(g);
      else misfits.add(g);
    }
    for (const g of candidates) if (g.sealed || misfits.has(g)) candidates.delete(g);
    let group: Group;
    if (candidates.size === 0) {
      group = { members: [], shape, sealed: false, id: nextId++ };
      groups.push(group);
    } else {
      const [first, ...rest] = [...candidates];
      group = first;
      for (const g of rest) {
        group.members.push(...g.members);
        for (const m of g.members) groupOf.set(m, group);
        g.members = [];
      }
    }
    group.members.push(i);
    groupOf.set(i, group);
    for (const u of node.inputs) seal(groupOf.get(producer.get(u.value) ?? -1), group);
  });

  // Who reads each value (node indices) and which values leave the program.
  const readers = new Map<number, Set<number>>();
  nodes.forEach((n, i) => {
    for (const u of n.inputs) {
      let s = readers.get(u.value);
      if (!s) {
        s = new Set();
        readers.set(u.value, s);
      }
      s.add(i);
    }
  });
  const escaping = new Set(outputs.map((o) => o.value));

  const emitAt = new Map<number, Omit<Step, 'frees'>>();
  const skip = new Set<number>();
  let programs = 0;
  let fusedKernels = 0;
  const epilogues: Record<string, number> = {};
  const limit = can.bindings ?? Number.POSITIVE_INFINITY;
  /** Emits one fused step for `members` (sorted), or splits it in two when it binds too many tensors. */
  const emitGroup = (members: number[], shape: readonly number[], allowMatmul: boolean): void => {
    const memberSet = new Set(members);
    // A matmul or conv feeding this group alone, with the group's shape, becomes its first half.
    let matmul: number | undefined;
    if (can.epilogue.size > 0 && allowMatmul) {
      for (const m of members) {
        for (const u of nodes[m].inputs) {
          const p = producer.get(u.value);
          if (p === undefined || !can.epilogue.has(nodes[p].kernel) || skip.has(p) || escaping.has(u.value))
            continue;
          if (!shapesEqual(nodes[p].specs[0].shape, shape) || !shapesEqual(u.shape, shape)) continue;
          if (![...(readers.get(u.value) ?? [])].every((r) => memberSet.has(r))) continue;
          matmul = p;
          break;
        }
        if (matmul !== undefined) break;
      }
    }
    if (matmul === undefined && (!can.elementwise || members.length < 2)) return;
    const last = members[members.length - 1];
    const liveOut = (v: number) =>
      escaping.has(v) || [...(readers.get(v) ?? [])].some((r) => !memberSet.has(r));
    const mm = matmul === undefined ? undefined : nodes[matmul];
    // A broadcastTo feeding the program is read at its source's shape: program inputs broadcast anyway.
    const throughBroadcast = (u: ValueUse): ValueUse | undefined => {
      const p = producer.get(u.value);
      return p !== undefined && nodes[p].kernel === 'broadcastTo' ? nodes[p].inputs[0] : undefined;
    };
    const built = buildProgram(
      graph,
      members.map((m) => nodes[m]),
      liveOut,
      mm?.outputs[0],
      can.elementwise ? throughBroadcast : undefined,
    );
    const bound = built.inputs.length + built.outputs.length + (mm ? 1 : 0);
    if (bound > limit) {
      if (mm) {
        emitGroup(members, shape, false);
        return;
      }
      if (members.length < 4) return;
      // Halves in execution order: the first half's values the second reads become its outputs.
      const half = members.length >> 1;
      emitGroup(members.slice(0, half), shape, allowMatmul);
      emitGroup(members.slice(half), shape, allowMatmul);
      return;
    }
    const specs = built.outputs.map((v) => graph.specs[v]);
    if (mm) {
      emitAt.set(last, {
        kernel: can.epilogue.get(mm.kernel) as string,
        attrs: { ...(mm.attrs as object), epilogue: built.program },
        inputs: [...mm.inputs, ...built.inputs.slice(1)],
        outputs: built.outputs,
        specs,
        fusedFrom: members.length + 1,
      });
      skip.add(matmul as number);
      epilogues[mm.kernel] = (epilogues[mm.kernel] ?? 0) + 1;
    } else {
      emitAt.set(last, {
        kernel: 'fusedElementwise',
        attrs: { program: built.program },
        inputs: built.inputs,
        outputs: built.outputs,
        specs,
        fusedFrom: members.length,
      });
    }
    programs++;
    fusedKernels += members.length;
    for (const m of members) if (m !== last) skip.add(m);
  };
  for (const g of groups) {
    if (g.members.length === 0) continue;
    g.members.sort((a, b) => a - b);
    emitGroup(g.members, g.shape, true);
  }
  const steps: Omit<Step, 'frees'>[] = [];
  nodes.forEach((n, i) => {
    const fused = emitAt.get(i);
    if (fused) steps.push(fused);
    else if (!skip.has(i)) steps.push({ ...n, fusedFrom: 1 });
  });
  // broadcastTo kernels that only fed programs are dead now.
  return { steps: eliminateDeadCode(steps, outputs), programs, fusedKernels, epilogues };
}

/** Adds frees after each value's last read and returns the plan's peak of live intermediate bytes. */
export function planMemory(
  graph: Graph,
  steps: readonly Omit<Step, 'frees'>[],
  outputs: readonly ValueUse[],
): { steps: Step[]; peakBytes: number } {
  const lastRead = new Map<number, number>();
  steps.forEach((s, i) => {
    for (const u of s.inputs) lastRead.set(u.value, i);
  });
  const escaping = new Set(outputs.map((o) => o.value));
  const bytesOf = (v: number) => sizeOf(graph.specs[v].shape) * bytesPerElement(graph.specs[v].dtype);
  const planned: Step[] = steps.map((s) => ({ ...s, frees: [] }));
  let live = 0;
  let peak = 0;
  planned.forEach((s, i) => {
    for (const v of s.outputs) live += bytesOf(v);
    peak = Math.max(peak, live);
    // Outputs nobody reads die at once; the rest after their last reader.
    for (const v of s.outputs) {
      if (!escaping.has(v) && !lastRead.has(v)) s.frees.push(v);
    }
    for (const u of s.inputs) {
      if (lastRead.get(u.value) === i && graph.sources[u.value].kind === 'node' && !escaping.has(u.value)) {
        if (!s.frees.includes(u.value)) s.frees.push(u.value);
      }
    }
    for (const v of s.frees) live -= bytesOf(v);
  });
  return { steps: planned, peakBytes: peak };
}
