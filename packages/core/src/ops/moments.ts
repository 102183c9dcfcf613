// Mean and biased variance over axes (batchNorm's training statistics). Decomposes into two reductions.
// Gradient: dmean / n + dvar * 2 (x - mean) / n, broadcast back.

import { apply, type OpSpec, tidy } from '../engine.js';
import { reducedShape, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add } from './add.js';
import { div } from './div.js';
import { mul } from './mul.js';
import { reduceMean } from './reduceMean.js';
import { reshape } from './reshape.js';
import { square } from './square.js';
import { sub } from './sub.js';
import { expandReduced, type ReduceAttrs } from './sum.js';

const spec: OpSpec<ReduceAttrs> = {
  name: 'moments',
  infer: ([x], { axes }) => {
    const shape = reducedShape(x.shape, axes, false);
    return [
      { shape, dtype: x.dtype },
      { shape, dtype: x.dtype },
    ];
  },
  decompose([x], { axes }) {
    const mean = reduceMean(x, axes, true);
    const variance = reduceMean(square(sub(x, mean)), axes);
    return [reshape(mean, reducedShape(x.shape, axes, false)), variance];
  },
  vjp([dMean, dVar], [x], [mean], { axes }) {
    const n = sizeOf(axes.map((a) => x.shape[a]));
    const centered = sub(x, expandReduced(mean, x.shape, axes));
    const fromVar = mul(expandReduced(dVar, x.shape, axes), mul(centered, 2 / n));
    return [add(div(expandReduced(dMean, x.shape, axes), n), fromVar)];
  },
};

/** [mean, biased variance] of x over sorted, unique `axes`. */
export function moments(x: Tensor, axes: readonly number[]): [Tensor, Tensor] {
  return tidy(() => apply(spec, [x], { axes }) as [Tensor, Tensor]);
}
