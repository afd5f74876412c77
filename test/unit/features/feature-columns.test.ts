import { describe, expect, it } from 'vitest';
import { featureColumns } from '../../../src/features/feature-columns.ts';

// More rows than one gathering block (64), and a last block that is not full.
const n = 150;
const featureNames = ['a', 'b', 'c'];
const d = featureNames.length;
const x = Float64Array.from({ length: n * d }, (_, k) => Math.floor(k / d) * 10 + (k % d));
const table = { featureNames, n, d, x };

describe('featureColumns', () => {
  it('turns the row-major table into one column per feature', () => {
    const columns = featureColumns(table);
    expect(columns).toHaveLength(3);
    for (const [j, column] of columns.entries())
      expect([...column]).toEqual(Array.from({ length: n }, (_, i) => i * 10 + j));
  });

  it('gathers the named features of the given rows, in the order asked', () => {
    const rows = [149, 0, 64, 63, 65, 7];
    const [c, a] = featureColumns(table, ['c', 'a'], rows);
    expect([...(c as Float64Array)]).toEqual(rows.map((i) => i * 10 + 2));
    expect([...(a as Float64Array)]).toEqual(rows.map((i) => i * 10));
  });

  it('names an unknown feature', () => {
    expect(() => featureColumns(table, ['a', 'z'])).toThrow('no feature z in the table');
  });
});
