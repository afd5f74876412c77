import { describe, expect, it } from 'vitest';
import { regionRoiCsv } from '../../../src/storage/artifacts/artifact-tables.ts';
import { parseRegionRoi } from '../../../src/storage/artifacts/region-roi.ts';

describe('betting/roi_by_region.csv', () => {
  it('reads back the ROI with its bets, interval and drawdown', () => {
    const csv = regionRoiCsv([
      {
        region_id: 1,
        region_name: 'England',
        roi_pct: 2.5,
        n_bets: 300,
        hit_rate: 0.31,
        roi_ci95_low: -8.25,
        roi_ci95_high: 13,
        max_drawdown: 21.5,
      },
      {
        region_id: 2,
        region_name: 'Spain',
        roi_pct: null,
        n_bets: 0,
        hit_rate: null,
        roi_ci95_low: null,
        roi_ci95_high: null,
        max_drawdown: null,
      },
    ]);
    expect(parseRegionRoi(Buffer.from(csv))).toEqual([
      {
        region_id: 1,
        region_name: 'England',
        roi_pct: 2.5,
        n_bets: 300,
        hit_rate: 0.31,
        roi_ci95: [-8.25, 13],
        max_drawdown: 21.5,
      },
      {
        region_id: 2,
        region_name: 'Spain',
        roi_pct: null,
        n_bets: 0,
        hit_rate: null,
        roi_ci95: null,
        max_drawdown: null,
      },
    ]);
  });

  it('reads a file written before the interval columns existed, with nulls there', () => {
    const old = 'region_id,region_name,roi_pct,n_bets,hit_rate\n1,England,4.5,120,0.41\n';
    expect(parseRegionRoi(Buffer.from(old))).toEqual([
      {
        region_id: 1,
        region_name: 'England',
        roi_pct: 4.5,
        n_bets: 120,
        hit_rate: 0.41,
        roi_ci95: null,
        max_drawdown: null,
      },
    ]);
  });
});
