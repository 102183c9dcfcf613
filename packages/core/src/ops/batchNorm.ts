// Batch normalisation over every axis but the feature axis: y = (x - mean) / sqrt(var + eps) * scale
// + offset. Training mode normalises with the batch's mean and biased variance and returns updated
// running statistics (PyTorch: new = (1 - momentum) old + momentum batch, unbiased variance; or ONNX:
// new = momentum old + (1 - momentum) batch). Inference mode uses the given statistics. NCHW, NHWC
// and the M x N matrix case (features on axis 1). Gradient from the decomposition (through moments).

import type { Layout } from '../backend.js';
import { tidy } from '../engine.js';
import { AttributeError, DTypeError, ShapeError } from '../errors.js';
import { asFloat, type TensorLike, toTensor } from '../op-helpers.js';
import { normalizeAxis, sizeOf } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { add } from './add.js';
import { div } from './div.js';
import { moments } from './moments.js';
import { mul } from './mul.js';
import { reshape } from './reshape.js';
import { sqrt } from './sqrt.js';
import { stopGradient } from './stopGradient.js';
import { sub } from './sub.js';

/** Options of batchNorm. */
export interface BatchNormOptions {
  /** Per-feature gamma [C] (default 1). */
  scale?: TensorLike;
  /** Per-feature beta [C] (default 0). */
  offset?: TensorLike;
  /** Running mean [C]: used in inference, updated in training. */
  runningMean?: TensorLike;
  /** Running variance [C]: used in inference, updated in training. */
  runningVariance?: TensorLike;
  /**
   * Normalise with the batch statistics and return updated running ones (default false: inference, which
   * needs runningMean and runningVariance).
   */
  training?: boolean;
  /** Weight of the running-statistics update, in [0, 1] (default 0.1 with 'pytorch', 0.9 with 'onnx'). */
  momentum?: number;
  /** Added to the variance before the square root; >= 0 (default 1e-5). */
  epsilon?: number;
  /** Feature axis; defaults to 1 with NCHW (and for matrices), last with NHWC. */
  axis?: number;
  /** Layout that sets the default feature axis (default NCHW). */
  dataFormat?: Layout;
  /** How momentum weights the running statistics: 'pytorch' (default) or 'onnx'. */
  convention?: 'pytorch' | 'onnx';
}

/** What batchNorm returns: the normalised tensor and, in training mode, the statistics. */
export interface BatchNormResult {
  /** The normalised input, with x's shape. */
  y: Tensor;
  /** Training only: the batch mean [C]. */
  batchMean?: Tensor;
  /** Training only: the batch's biased variance [C]. */
  batchVariance?: Tensor;
  /** Training only, when running statistics were given: the updated running mean [C]. */
  runningMean?: Tensor;
  /** Training only, when running statistics were given: the updated running variance [C]. */
  runningVariance?: Tensor;
}

/**
 * Batch normalisation: y = (x - mean) / sqrt(variance + epsilon) * scale + offset, with one mean and variance
 * per feature over every other axis. Training mode uses the batch mean and biased variance and also returns
 * them and the updated running statistics; inference mode uses runningMean and runningVariance, which it
 * requires. int and bool x become float32. Throws ShapeError for rank < 2 or parameters that are not [C],
 * DTypeError for parameters of another dtype, AttributeError for bad options. Gradient from the decomposition
 * (through moments).
 */
export function batchNorm(x: TensorLike, options: BatchNormOptions = {}): BatchNormResult {
  return tidy(() => {
    const op = 'batchNorm';
    const t = asFloat(toTensor(op, 'x', x));
    if (t.rank < 2)
      throw new ShapeError(op, 'x must have rank >= 2 (a batch axis and a feature axis)', { x: t.shape });
    const layout = options.dataFormat ?? 'NCHW';
    if (layout !== 'NCHW' && layout !== 'NHWC')
      throw new AttributeError(op, 'dataFormat', `must be 'NCHW' or 'NHWC', got '${String(layout)}'`);
    const axis = normalizeAxis(op, 'axis', options.axis ?? (layout === 'NCHW' ? 1 : -1), t.rank);
    const c = t.shape[axis];
    const epsilon = options.epsilon ?? 1e-5;
    const convention = options.convention ?? 'pytorch';
    const momentum = options.momentum ?? (convention === 'onnx' ? 0.9 : 0.1);
    if (!(epsilon >= 0)) throw new AttributeError(op, 'epsilon', `must be >= 0, got ${epsilon}`);
    if (!(momentum >= 0 && momentum <= 1))
      throw new AttributeError(op, 'momentum', `must be in [0, 1], got ${momentum}`);
    if (convention !== 'pytorch' && convention !== 'onnx')
      throw new AttributeError(op, 'convention', `must be 'pytorch' or 'onnx'`);
    const featureShape = t.shape.map((d, i) => (i === axis ? d : 1));
    const param = (name: keyof BatchNormOptions, v: TensorLike | undefined): Tensor | undefined => {
      if (v === undefined) return undefined;
      const p = toTensor(op, name, v, t);
      if (p.dtype !== t.dtype && !(typeof v === 'number'))
        throw new DTypeError(op, name, `must be ${t.dtype}, got ${p.dtype}`);
      if (p.rank !== 1 || p.shape[0] !== c) {
        if (p.size === 1 && typeof v === 'number') return p;
        throw new ShapeError(op, `${name} must be [${c}] (features on axis ${axis})`, {
          [name]: p.shape,
          x: t.shape,
        });
      }
      return p;
    };
    const scale = param('scale', options.scale);
    const offset = param('offset', options.offset);
    const rMean = param('runningMean', options.runningMean);
    const rVar = param('runningVariance', options.runningVariance);
    const features = (p: Tensor) => (p.rank === 0 ? p : reshape(p, featureShape));

    const normalize = (mean: Tensor, variance: Tensor) => {
      let y = div(sub(t, features(mean)), sqrt(add(features(variance), epsilon)));
      if (scale) y = mul(y, features(scale));
      if (offset) y = add(y, features(offset));
      return y;
    };

    if (!options.training) {
      if (!rMean || !rVar)
        throw new AttributeError(op, 'runningMean', 'and runningVariance are required in inference mode');
      return { y: normalize(rMean, rVar) };
    }
    const axes = t.shape.map((_, i) => i).filter((i) => i !== axis);
    const [batchMean, batchVariance] = moments(t, axes);
    const result: BatchNormResult = { y: normalize(batchMean, batchVariance), batchMean, batchVariance };
    if (rMean && rVar) {
      const n = sizeOf(axes.map((i) => t.shape[i]));
      const mean = stopGradient(batchMean);
      const variance = stopGradient(batchVariance);
      if (convention === 'pytorch') {
        const unbiased = mul(variance, n / Math.max(n - 1, 1));
        result.runningMean = add(mul(rMean, 1 - momentum), mul(mean, momentum));
        result.runningVariance = add(mul(rVar, 1 - momentum), mul(unbiased, momentum));
      } else {
        result.runningMean = add(mul(rMean, momentum), mul(mean, 1 - momentum));
        result.runningVariance = add(mul(rVar, momentum), mul(variance, 1 - momentum));
      }
    }
    return result;
  });
}
