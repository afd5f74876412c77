/**
 * Datasets cut from a feature matrix by row index: the training window, a test season, one backtest period.
 * The matrix is any row-major table of finite features with an outcome per row (−1 = not finished).
 */
import type { Dataset } from './model.ts';

export interface FeatureMatrix {
  readonly featureNames: readonly string[];
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly outcome: Int8Array;
}

/** The rows' features and labels; every chosen row must have an outcome. */
export function datasetFromRows(matrix: FeatureMatrix, rows: ArrayLike<number>): Dataset {
  const { d } = matrix;
  const n = rows.length;
  const x = new Float64Array(n * d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i] as number;
    const label = matrix.outcome[row] as number;
    if (label < 0) throw new Error(`dataset: row ${row} has no outcome`);
    x.set(matrix.x.subarray(row * d, row * d + d), i * d);
    y[i] = label;
  }
  return { featureNames: matrix.featureNames, n, d, x, y };
}

/**
 * The feature values of some rows (for prediction; outcomes not needed), in the named columns and their order:
 * all of them by default, or those of a model trained on a subset of the features. Only the rows asked for are
 * copied (a daily step predicts a few hundred of a history's 268,234).
 */
export function featuresOfRows(
  matrix: FeatureMatrix,
  rows: ArrayLike<number>,
  names: readonly string[] = matrix.featureNames,
): Float64Array {
  const d = names.length;
  const x = new Float64Array(rows.length * d);
  if (names === matrix.featureNames) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      x.set(matrix.x.subarray(row * d, row * d + d), i * d);
    }
    return x;
  }
  const index = names.map((name) => {
    const j = matrix.featureNames.indexOf(name);
    if (j < 0) throw new Error(`dataset: no feature column ${name}`);
    return j;
  });
  for (let i = 0; i < rows.length; i++) {
    const from = (rows[i] as number) * matrix.d;
    for (let j = 0; j < d; j++) x[i * d + j] = matrix.x[from + (index[j] as number)] as number;
  }
  return x;
}
