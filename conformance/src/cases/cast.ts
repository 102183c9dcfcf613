// cast: every pair of the input dtypes (float32, int32, bool) to float32, float64, int32 and bool:
// float to int truncates toward zero, anything to bool is `!= 0` (NaN and -0 included), float to float
// keeps NaN/Inf and passes the gradient back; int/bool results stop it. Scalars, empty, odd sizes.

import { cast, type DType } from '@libml/core';
import { type CaseSpec, defineSuite } from '../types.js';

const isFloatCase = (c: CaseSpec) =>
  (c.inputs[0].dtype ?? 'float32') === 'float32' &&
  (c.attrs?.dtype === 'float32' || c.attrs?.dtype === 'float64');

export default defineSuite({
  op: 'cast',
  tolerance: 'exact',
  differentiable: (c) => (isFloatCase(c) ? [0] : []),
  run: ([x], attrs) => cast(x, attrs.dtype as DType),
  cases: [
    {
      name: 'float32_to_float32',
      inputs: [{ shape: [3, 5] }],
      attrs: { dtype: 'float32' },
      skipFiniteDifferences: 'the output is rounded to float32, which defeats the float64 gradient check',
    },
    { name: 'float32_to_float64', inputs: [{ shape: [2, 3, 5] }], attrs: { dtype: 'float64' } },
    {
      name: 'float32_to_int32',
      inputs: [{ shape: [17], kind: 'uniform', low: -20, high: 20 }],
      attrs: { dtype: 'int32' },
    },
    {
      name: 'float32_to_int32_truncation',
      inputs: [{ shape: [8], values: [2.5, -2.5, 0.999, -0.999, -0, 7, -7, 123456.75] }],
      attrs: { dtype: 'int32' },
    },
    {
      name: 'float32_to_bool',
      inputs: [{ shape: [8], values: [0, -0, 1, -1e-30, Number.NaN, Infinity, -Infinity, 0.5] }],
      attrs: { dtype: 'bool' },
    },
    {
      name: 'int32_to_float32',
      inputs: [{ shape: [3, 5], dtype: 'int32', kind: 'int', low: -1000, high: 1000 }],
      attrs: { dtype: 'float32' },
    },
    {
      name: 'int32_to_float64',
      inputs: [{ shape: [7], dtype: 'int32', kind: 'int', low: -50, high: 50 }],
      attrs: { dtype: 'float64' },
    },
    {
      name: 'int32_to_bool',
      inputs: [{ shape: [9], dtype: 'int32', kind: 'int', low: -2, high: 3 }],
      attrs: { dtype: 'bool' },
    },
    { name: 'int32_to_int32', inputs: [{ shape: [5], dtype: 'int32' }], attrs: { dtype: 'int32' } },
    { name: 'bool_to_float32', inputs: [{ shape: [4, 5], dtype: 'bool' }], attrs: { dtype: 'float32' } },
    { name: 'bool_to_int32', inputs: [{ shape: [6], dtype: 'bool' }], attrs: { dtype: 'int32' } },
    { name: 'bool_to_bool', inputs: [{ shape: [6], dtype: 'bool' }], attrs: { dtype: 'bool' } },
    { name: 'scalar_to_float64', inputs: [{ shape: [] }], attrs: { dtype: 'float64' } },
    { name: 'empty_to_int32', inputs: [{ shape: [0, 3] }], attrs: { dtype: 'int32' } },
    {
      name: 'nan_inf_to_float64',
      inputs: [{ shape: [5], values: [Number.NaN, Infinity, -Infinity, -0, 3.4e38] }],
      attrs: { dtype: 'float64' },
      skipFiniteDifferences: 'non-finite inputs',
    },
  ],
});
