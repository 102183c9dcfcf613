import { describe, expect, test } from 'vitest';
import './setup.js';
import {
  AttributeError,
  add,
  concat,
  conv2d,
  DTypeError,
  gather,
  matmul,
  reshape,
  ShapeError,
  softmax,
  sum,
  tensor,
  transpose,
  zeros,
} from '@libml/core';

describe('typed errors name the op, the argument and the shapes', () => {
  test('broadcasting', () => {
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(ShapeError);
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(
      'add: shapes cannot be broadcast together (input 0 [2, 3], input 1 [4])',
    );
  });

  test('matmul inner dimensions', () => {
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(
      /matmul: inner dimensions differ \(3 vs 4.*a \[2, 3\], b \[4, 5\]/,
    );
  });

  test('axes and attributes', () => {
    expect(() => sum(zeros([2, 3]), 2)).toThrow(AttributeError);
    expect(() => sum(zeros([2, 3]), 2)).toThrow(
      /sum: argument 'axes' contains 2, out of range for a tensor of rank 2/,
    );
    expect(() => softmax(zeros([2]), 1)).toThrow(/softmax: argument 'axis'/);
    expect(() => transpose(zeros([2, 3]), [0, 0])).toThrow(/transpose: argument 'perm'/);
    expect(() => reshape(zeros([2, 3]), [4, 2])).toThrow(/reshape: cannot reshape 6 elements into 8/);
    expect(() => concat([zeros([2, 3]), zeros([3, 3])], 1)).toThrow(ShapeError);
  });

  test('dtypes', () => {
    expect(() => gather(zeros([3]), tensor([0.5]))).toThrow(DTypeError);
  });

  test('conv2d channels and rank', () => {
    expect(() => conv2d(zeros([1, 3, 5, 5]), zeros([4, 2, 3, 3]))).toThrow(
      /conv2d: input channels 3 and filter OIHW/,
    );
    expect(() => conv2d(zeros([3, 5, 5]), zeros([4, 3, 3, 3]))).toThrow(/conv2d: x must be 4-D/);
    expect(() => conv2d(zeros([1, 3, 5, 5]), zeros([4, 3, 3, 3]), { strides: 0 })).toThrow(
      /argument 'strides'/,
    );
  });
});
