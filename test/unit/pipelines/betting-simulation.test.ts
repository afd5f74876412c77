import { describe, expect, it } from 'vitest';
import { roiInterval } from '../../../src/domain/staking.ts';
import {
  kellyFigures,
  profitByDay,
  roiByRegion,
  roiFigures,
  settleAll,
  settleBets,
} from '../../../src/pipelines/reports/betting-simulation.ts';

const rule = { threshold: 0.05, ceiling: 0.25, minMatchesPlayed: 5 };

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
    history: null,
  },
  // away edge 0.3·4.0−1 = 0.20 beats draw 0.3·3.6−1 = 0.08 → bet away, draw happens: −1
  {
    matchId: 2,
    regionId: 1,
    startTimeMs: day1,
    probabilities: [0.4, 0.3, 0.3],
    odds: [2.2, 3.6, 4.0],
    outcome: 1,
    history: null,
  },
  // best edge 0.5·2.05−1 = 0.025 < 0.05 → no bet
  {
    matchId: 3,
    regionId: 1,
    startTimeMs: day2,
    probabilities: [0.5, 0.3, 0.2],
    odds: [2.05, 3.2, 4.5],
    outcome: 0,
    history: null,
  },
  // draw edge 0.35·3.2−1 = 0.12 → bet draw, draw: +2.2
  {
    matchId: 4,
    regionId: 2,
    startTimeMs: day2,
    probabilities: [0.35, 0.35, 0.3],
    odds: [2.5, 3.2, 3.0],
    outcome: 1,
    history: null,
  },
  // not finished: never settled
  {
    matchId: 5,
    regionId: 2,
    startTimeMs: day2,
    probabilities: [0.9, 0.05, 0.05],
    odds: [2.0, 8, 9],
    outcome: null,
    history: null,
  },
] as const;

describe('betting simulation', () => {
  const bets = settleBets(candidates, rule);

  it('bets the largest edge at or above the threshold, flat stake 1', () => {
    expect(bets.map((b) => [b.matchId, b.bet.outcome, b.profit])).toEqual([
      [1, 0, 1],
      [2, 2, -1],
      [4, 1, expect.closeTo(2.2, 12)],
    ]);
  });

  it('summarises ROI, bets and hit rate per region, keeping regions without bets', async () => {
    const rows = await roiByRegion(bets, [
      { id: 2, name: 'Spain' },
      { id: 1, name: 'England' },
      { id: 3, name: 'Italy' },
    ]);
    expect(rows).toEqual([
      {
        region_id: 1,
        region_name: 'England',
        roi_pct: 0,
        n_bets: 2,
        hit_rate: 0.5,
        // Resampling two bets (+1, −1): ROI −100, 0 or +100.
        roi_ci95_low: -100,
        roi_ci95_high: 100,
        // Won 1, then lost 1: one unit below the peak.
        max_drawdown: 1,
      },
      {
        region_id: 2,
        region_name: 'Spain',
        roi_pct: expect.closeTo(220, 9),
        n_bets: 1,
        hit_rate: 1,
        roi_ci95_low: expect.closeTo(220, 9),
        roi_ci95_high: expect.closeTo(220, 9),
        max_drawdown: 0,
      },
      {
        region_id: 3,
        region_name: 'Italy',
        roi_pct: null,
        n_bets: 0,
        hit_rate: null,
        roi_ci95_low: null,
        roi_ci95_high: null,
        max_drawdown: null,
      },
    ]);
  });

  it('flags an edge above the ceiling as a probable data error and never bets it', () => {
    const wrongPrice = {
      matchId: 7,
      regionId: 1,
      startTimeMs: day1,
      // 0.5 · 4.0 − 1 = +100 %: a home price of 4.0 for a 50 % favourite is a data error, not a gift (the book
      // itself keeps a margin, so only the ceiling catches it).
      probabilities: [0.5, 0.3, 0.2],
      odds: [4.0, 2.6, 2.2],
      outcome: 0,
      history: null,
    } as const;
    const summary = settleAll([...candidates, wrongPrice], rule);
    expect(summary.suspect).toBe(1);
    expect(summary.bets.map((b) => b.matchId)).toEqual([1, 2, 4]);
    expect(settleAll([wrongPrice], { ...rule, ceiling: 2 }).bets).toHaveLength(1);
  });

  it('never bets an edge found for a team with fewer earlier matches than the rule asks for', () => {
    const promoted = { ...candidates[0], matchId: 10, history: { home: 40, away: 3 } };
    const known = { ...candidates[0], matchId: 11, history: { home: 40, away: 5 } };
    const summary = settleAll([promoted, known], rule);
    expect(summary.bets.map((b) => b.matchId)).toEqual([11]);
    expect(summary).toMatchObject({ suspect: 1, littleHistory: 1 });
  });

  it('bets only at prices quoted before kick-off', () => {
    const late = { ...candidates[0], matchId: 8, priceAtMs: day1 + 60_000 };
    const early = { ...candidates[0], matchId: 9, priceAtMs: day1 - 3_600_000 };
    const summary = settleAll([late, early], rule);
    expect(summary.latePrices).toBe(1);
    expect(summary.bets.map((b) => b.matchId)).toEqual([9]);
  });

  it('reports flat ROI with bets, interval and drawdown, and fractional Kelly beside it', async () => {
    const flat = await roiFigures(bets);
    expect(flat).toMatchObject({ n_bets: 3, profit: expect.closeTo(2.2, 9), max_drawdown: 1 });
    expect(flat.roi_pct).toBeCloseTo((100 * 2.2) / 3, 9);
    expect(flat.roi_ci95?.[0]).toBeLessThan(flat.roi_pct as number);
    expect(flat.roi_ci95?.[1]).toBeGreaterThan(flat.roi_pct as number);
    // Computed in turns of the event loop, the interval is the dashboard's (roiInterval) to the last digit.
    expect(flat.roi_ci95).toEqual(roiInterval(bets.map((b) => ({ staked: 1, profit: b.profit }))));
    // Quarter Kelly capped at 5 %: stakes 5 % of 100 (Kelly 0.2·0.25), then of 105 …
    const kelly = kellyFigures(bets, { fraction: 0.25, cap: 0.05 });
    expect(kelly.growth_pct).toBeGreaterThan(0);
    expect(kelly.max_drawdown_share).toBeGreaterThan(0);
    expect(await roiFigures([])).toEqual({
      n_bets: 0,
      roi_pct: null,
      roi_ci95: null,
      max_drawdown: null,
      profit: 0,
    });
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
          history: null,
        },
      ],
      rule,
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
