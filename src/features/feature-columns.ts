/**
 * The feature table's row-major values turned column-major, for what reads features a column at a time: the
 * Parquet artifact (every row and column) and the drift statistics (some rows and columns).
 */
import type { FeatureTable } from './feature-table.ts';

/** Rows gathered per pass in `featureColumns`: a block of rows stays in cache while each column takes its values. */
const GATHER_BLOCK_ROWS = 64;

/**
 * Named features of the given rows (all rows by default) as one Float64Array each, in `names` order: the
 * row-major table turned column-major, for Parquet and the drift statistics.
 */
export function featureColumns(
  table: Pick<FeatureTable, 'featureNames' | 'n' | 'd' | 'x'>,
  names: readonly string[] = table.featureNames,
  rows?: readonly number[],
): Float64Array<ArrayBuffer>[] {
  const { x, d } = table;
  const at = names.map((name) => {
    const j = table.featureNames.indexOf(name);
    if (j < 0) throw new Error(`no feature ${name} in the table`);
    return j;
  });
  const count = rows?.length ?? table.n;
  const columns = names.map(() => new Float64Array(count));
  for (let start = 0; start < count; start += GATHER_BLOCK_ROWS) {
    const end = Math.min(count, start + GATHER_BLOCK_ROWS);
    for (let k = 0; k < at.length; k++) {
      const column = columns[k] as Float64Array;
      const j = at[k] as number;
      for (let r = start; r < end; r++)
        column[r] = x[(rows === undefined ? r : (rows[r] as number)) * d + j] as number;
    }
  }
  return columns;
}

/**
 * A reader of two named features of a row, combined by `make` (a match's goal markets, its teams' history); null
 * when the table has either column missing (a hand-made test table).
 */
export function featurePairReader<T>(
  table: Pick<FeatureTable, 'featureNames' | 'd' | 'x'>,
  first: string,
  second: string,
  make: (a: number, b: number) => T,
): ((row: number) => T) | null {
  const a = table.featureNames.indexOf(first);
  const b = table.featureNames.indexOf(second);
  if (a < 0 || b < 0) return null;
  const { x, d } = table;
  return (row) => make(x[row * d + a] as number, x[row * d + b] as number);
}
