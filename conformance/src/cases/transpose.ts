// transpose: default perm (reversed axes) at ranks 2-4, explicit perms (swaps, cycles, NCHW <-> NHWC),
// the identity perm, 0-d, size-1 and empty dims, odd sizes, int32 and bool data (forward only).

import { transpose } from '@libml/core';
import { defineSuite } from '../types.js';

export default defineSuite({
  op: 'transpose',
  tolerance: 'exact',
  differentiable: (c) => ((c.inputs[0].dtype ?? 'float32') === 'float32' ? [0] : []),
  run: ([x], attrs) => transpose(x, attrs.perm as number[] | undefined),
  cases: [
    { name: 'matrix_default', inputs: [{ shape: [3, 5] }] },
    { name: 'rank3_default', inputs: [{ shape: [2, 3, 4] }] },
    { name: 'rank3_swap_first', inputs: [{ shape: [2, 3, 5] }], attrs: { perm: [1, 0, 2] } },
    { name: 'rank3_swap_last', inputs: [{ shape: [2, 7, 3] }], attrs: { perm: [0, 2, 1] } },
    { name: 'rank3_cycle', inputs: [{ shape: [2, 3, 5] }], attrs: { perm: [2, 0, 1] } },
    { name: 'nchw_to_nhwc', inputs: [{ shape: [2, 3, 4, 5] }], attrs: { perm: [0, 2, 3, 1] } },
    { name: 'nhwc_to_nchw', inputs: [{ shape: [2, 4, 5, 3] }], attrs: { perm: [0, 3, 1, 2] } },
    { name: 'rank4_default', inputs: [{ shape: [2, 3, 1, 5] }] },
    { name: 'identity_perm', inputs: [{ shape: [3, 4] }], attrs: { perm: [0, 1] } },
    { name: 'scalar', inputs: [{ shape: [] }] },
    { name: 'size1_dim', inputs: [{ shape: [1, 17] }] },
    { name: 'empty', inputs: [{ shape: [0, 3] }], attrs: { perm: [1, 0] } },
    { name: 'int32', inputs: [{ shape: [3, 4], dtype: 'int32' }] },
    { name: 'bool', inputs: [{ shape: [2, 3, 2], dtype: 'bool' }], attrs: { perm: [2, 1, 0] } },
  ],
});
