import { describe, expect, it } from 'vitest';
import { type FeatureMatrix, featuresOfRows, featuresOfRowsIn } from '../../../src/models/dataset.ts';

// Three rows of three features: row r, column c holds 10·r + c.
const matrix: FeatureMatrix = {
  featureNames: ['a', 'b', 'c'],
  n: 3,
  d: 3,
  x: Float64Array.from([0, 1, 2, 10, 11, 12, 20, 21, 22]),
  outcome: Int8Array.from([0, -1, 2]),
};

describe('featuresOfRowsIn', () => {
  it('copies the named columns, in the order named, of the rows asked for only', () => {
    expect([...featuresOfRowsIn(matrix, ['c', 'a'], [2, 0])]).toEqual([22, 20, 2, 0]);
  });

  it('is featuresOfRows when every column is named in order', () => {
    expect(featuresOfRowsIn(matrix, matrix.featureNames, [1, 2])).toEqual(featuresOfRows(matrix, [1, 2]));
  });

  it('names a column the matrix does not have', () => {
    expect(() => featuresOfRowsIn(matrix, ['a', 'shots'], [0])).toThrow('no feature column shots');
  });
});
