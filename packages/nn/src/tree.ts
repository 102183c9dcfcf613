// Parameter trees: nested plain objects of tensors keyed by module and parameter names (what
// Module.parameters() returns and core's valueAndGrad differentiates), and their dotted flat form.

import { Tensor } from '@libml/core';

/** A module's parameters (or buffers) as nested plain objects, keyed by child and parameter names. */
export type ParamTree = { [name: string]: Tensor | ParamTree };

/** Parameters and buffers flattened to dotted names ('0.weight', 'block.bn.running_mean'). */
export type StateDict = Record<string, Tensor>;

/** Whether `v` is a Tensor (a type guard: tells a leaf of a parameter tree from a subtree). */
export function isTensor(v: unknown): v is Tensor {
  return v instanceof Tensor;
}

/** [dotted path, tensor] for every leaf of a parameter tree, depth first in key order. */
export function flattenTree(tree: ParamTree, prefix = ''): [string, Tensor][] {
  const out: [string, Tensor][] = [];
  for (const [k, v] of Object.entries(tree)) {
    if (isTensor(v)) out.push([prefix + k, v]);
    else out.push(...flattenTree(v, `${prefix}${k}.`));
  }
  return out;
}

/** The tree whose flattened form is `dict` ('a.b' becomes { a: { b } }). */
export function unflattenTree(dict: StateDict): ParamTree {
  const root: ParamTree = {};
  for (const [path, t] of Object.entries(dict)) {
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (isTensor(next)) throw new Error(`unflattenTree: '${path}' nests under a tensor`);
      if (next === undefined) {
        const created: ParamTree = {};
        node[part] = created;
        node = created;
      } else node = next;
    }
    node[parts[parts.length - 1]] = t;
  }
  return root;
}
