import { describe, expect, it } from 'vitest';
import { cardFigures, compareStrategies } from '../../../src/pipelines/reports/betting-figures.ts';

const rule = { threshold: 0.05, ceiling: 0.25, minMatchesPlayed: 5 };

describe('betting figures of the match cards', () => {
  it('counts value bets, flagged edges, labels and log losses the way a bettor reads them', () => {
    const f = cardFigures(
      [
        // home 0.5 · 2.2 − 1 = +10 %: a value bet; home wins
        { probabilities: [0.5, 0.3, 0.2], odds: [2.2, 3.2, 4.0], outcome: 0, history: null },
        // away 0.45 · 3.0 − 1 = +35 %: above the ceiling, flagged, not a value bet; draw
        { probabilities: [0.25, 0.3, 0.45], odds: [2.2, 3.4, 3.0], outcome: 1, history: null },
        // best edge 0.5 · 2.05 − 1 = +2.5 %: nothing
        { probabilities: [0.5, 0.3, 0.2], odds: [2.05, 3.2, 4.5], outcome: null, history: null },
        // no price: a card, but not priced
        { probabilities: [0.2, 0.3, 0.5], odds: null, outcome: 2, history: null },
      ],
      rule,
      'multiplicative',
    );
    expect(f).toMatchObject({
      cards: 4,
      priced: 3,
      value_bets: 1,
      value_bet_share: 1 / 3,
      suspect_edges: 1,
      median_edge: expect.closeTo(0.1, 9),
      max_edge: expect.closeTo(0.1, 9),
      predicted_mix: { home: 0.5, draw: 0, away: 0.5 },
      // The shortest price is the home win's on all three priced cards.
      market_mix: { home: 1, draw: 0, away: 0 },
      scored: 2,
    });
    expect(f.model_log_loss).toBeCloseTo(-(Math.log(0.5) + Math.log(0.3)) / 2, 9);
    const devig = (odds: number[], k: number) =>
      1 / (odds[k] as number) / odds.reduce((s, o) => s + 1 / o, 0);
    expect(f.market_log_loss).toBeCloseTo(
      -(Math.log(devig([2.2, 3.2, 4], 0)) + Math.log(devig([2.2, 3.4, 3], 1))) / 2,
      9,
    );
  });

  it('says how many strategies a comparison tried', async () => {
    const candidates = [
      {
        matchId: 1,
        regionId: 1,
        startTimeMs: 0,
        probabilities: [0.5, 0.3, 0.2],
        odds: [2.2, 3.2, 4.0],
        outcome: 0,
        history: null,
      },
      {
        matchId: 2,
        regionId: 1,
        startTimeMs: 1,
        probabilities: [0.5, 0.3, 0.2],
        odds: [2.06, 3.2, 4.0],
        outcome: 1,
        history: null,
      },
    ] as const;
    const comparison = await compareStrategies(candidates, [0.02, 0.05, 0.1], {
      rule,
      kelly: { fraction: 0.25, cap: 0.05 },
      bootstrap: { resamples: 200, seed: 1 },
    });
    expect(comparison.tried).toBe(6);
    // Edges +10 % and +3 %: both at 2 %, the first at 5 % and 10 %.
    expect(comparison.results.map((r) => r.flat.n_bets)).toEqual([2, 1, 1]);
  });
});
