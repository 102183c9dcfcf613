// argMax: int32 index of the first maximum along attrs.axis (dropped); the first NaN counts as the maximum.

import { argKernel } from './util/arg.js';

export const argMax = argKernel(true);
