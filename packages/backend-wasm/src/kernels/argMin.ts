// argMin: int32 index of the first minimum along attrs.axis (dropped) (override); NaN counts as the minimum.

import { argKernel } from './util/arg.js';

export const argMin = argKernel(false);
