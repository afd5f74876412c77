import { describe, expect, it } from 'vitest';
import { type FeatureMatrix, featuresOfRows } from '../../../src/models/dataset.ts';

// Three rows of three features: row r, column c holds 10·r + c.
const matrix: FeatureMatrix = {
  featureNames: ['a', 'b', 'c'],
  n: 3,
  d: 3,
  x: Float64Array.from([0, 1, 2, 10, 11, 12, 20, 21, 22]),
  outcome: Int8Array.from([0, -1, 2]),
};

describe('featuresOfRows', () => {
  it('copies the named columns, in the order named, of the rows asked for only', () => {
    expect([...featuresOfRows(matrix, [2, 0], ['c', 'a'])]).toEqual([22, 20, 2, 0]);
  });

  it('copies every column of the rows asked for by default, the same as naming them all in order', () => {
    expect([...featuresOfRows(matrix, [1, 2])]).toEqual([10, 11, 12, 20, 21, 22]);
    expect(featuresOfRows(matrix, [1, 2], ['a', 'b', 'c'])).toEqual(featuresOfRows(matrix, [1, 2]));
  });

  it('names a column the matrix does not have', () => {
    expect(() => featuresOfRows(matrix, [0], ['a', 'shots'])).toThrow('no feature column shots');
  });
});
