import { describe, expect, it } from 'vitest';
import { profitByDay, roiByRegion, settleBets } from '../../../src/pipelines/reports/betting-simulation.ts';

const day1 = Date.UTC(2025, 0, 4, 15);
const day2 = Date.UTC(2025, 0, 5, 15);

// Hand-made: edges are p·odd − 1.
const candidates = [
  // home edge 0.6·2.0−1 = 0.20 (largest) → bet home, home wins: +1.0
  {
    matchId: 1,
    regionId: 1,
    startTimeMs: day1,
    probabilities: [0.6, 0.2, 0.2],
    odds: [2.0, 3.5, 4.0],
    outcome: 0,
  },
  // away edge 0.3·4.0−1 = 0.20 beats draw 0.3·3.6−1 = 0.08 → bet away, draw happens: −1
  {
    matchId: 2,
    regionId: 1,
    startTimeMs: day1,
    probabilities: [0.4, 0.3, 0.3],
    odds: [2.2, 3.6, 4.0],
    outcome: 1,
  },
  // best edge 0.5·2.05−1 = 0.025 < 0.05 → no bet
  {
    matchId: 3,
    regionId: 1,
    startTimeMs: day2,
    probabilities: [0.5, 0.3, 0.2],
    odds: [2.05, 3.2, 4.5],
    outcome: 0,
  },
  // draw edge 0.35·3.2−1 = 0.12 → bet draw, draw: +2.2
  {
    matchId: 4,
    regionId: 2,
    startTimeMs: day2,
    probabilities: [0.35, 0.35, 0.3],
    odds: [2.5, 3.2, 3.0],
    outcome: 1,
  },
  // not finished: never settled
  {
    matchId: 5,
    regionId: 2,
    startTimeMs: day2,
    probabilities: [0.9, 0.05, 0.05],
    odds: [2.0, 8, 9],
    outcome: null,
  },
] as const;

describe('betting simulation', () => {
  const bets = settleBets(candidates, 0.05);

  it('bets the largest edge at or above the threshold, flat stake 1', () => {
    expect(bets.map((b) => [b.matchId, b.bet.outcome, b.profit])).toEqual([
      [1, 0, 1],
      [2, 2, -1],
      [4, 1, expect.closeTo(2.2, 12)],
    ]);
  });

  it('summarises ROI, bets and hit rate per region, keeping regions without bets', () => {
    const rows = roiByRegion(bets, [
      { id: 2, name: 'Spain' },
      { id: 1, name: 'England' },
      { id: 3, name: 'Italy' },
    ]);
    expect(rows).toEqual([
      { region_id: 1, region_name: 'England', roi_pct: 0, n_bets: 2, hit_rate: 0.5 },
      { region_id: 2, region_name: 'Spain', roi_pct: expect.closeTo(220, 9), n_bets: 1, hit_rate: 1 },
      { region_id: 3, region_name: 'Italy', roi_pct: null, n_bets: 0, hit_rate: null },
    ]);
  });

  it('accumulates profit per day within each region', () => {
    const more = settleBets(
      [
        ...candidates,
        {
          matchId: 6,
          regionId: 1,
          startTimeMs: day2,
          probabilities: [0.6, 0.2, 0.2],
          odds: [2.0, 3.5, 4.0],
          outcome: 2,
        },
      ],
      0.05,
    );
    expect(profitByDay(more)).toEqual([
      { date: '2025-01-04', region_id: 1, n_bets: 2, profit: 0, cumulative_profit: 0 },
      { date: '2025-01-05', region_id: 1, n_bets: 1, profit: -1, cumulative_profit: -1 },
      {
        date: '2025-01-05',
        region_id: 2,
        n_bets: 1,
        profit: expect.closeTo(2.2, 12),
        cumulative_profit: expect.closeTo(2.2, 12),
      },
    ]);
  });
});
