// Op codes shared with the kernel module (assembly/elementwise.ts, assembly/reduce.ts).

export const Unary = {
  abs: 0,
  exp: 1,
  log: 2,
  sqrt: 3,
  sin: 4,
  cos: 5,
  tanh: 6,
  erf: 7,
  neg: 8,
  square: 9,
  relu: 10,
  sigmoid: 11,
  leakyRelu: 12,
  elu: 13,
  gelu: 14,
  geluTanh: 15,
} as const;

export const Binary = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  pow: 4,
  maximum: 5,
  minimum: 6,
  equal: 7,
  less: 8,
} as const;

export const Reduce = { sum: 0, prod: 1, max: 2, min: 3, mean: 4 } as const;

export const Cast = { f2i: 0, f2b: 1, i2f: 2, i2b: 3, b2f: 4, b2i: 5 } as const;
