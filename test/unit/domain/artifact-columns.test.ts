import { describe, expect, it } from 'vitest';
import {
  columnNames,
  FEATURE_KEY_COLUMNS,
  ODDS_COLUMNS,
  PREDICTION_COLUMNS,
  PROFIT_COLUMNS,
  REGION_ROI_COLUMNS,
} from '../../../src/domain/artifact-columns.ts';
import { samplePredictions } from '../api/fixture.ts';

describe('artifact column lists', () => {
  it('name every field of a prediction row, once', () => {
    const [row] = samplePredictions(1);
    const names = columnNames(PREDICTION_COLUMNS);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(row ?? {}).sort());
  });

  it('have no repeated names anywhere', () => {
    const lists: readonly (readonly string[])[] = [
      columnNames(ODDS_COLUMNS),
      columnNames(FEATURE_KEY_COLUMNS),
      REGION_ROI_COLUMNS,
      PROFIT_COLUMNS,
    ];
    for (const list of lists) expect(new Set(list).size).toBe(list.length);
  });
});
