import { describe, expect, it } from 'vitest';
import { DEFAULT_BOOTSTRAP, roiInterval } from '../../../src/domain/staking.ts';
import { decodeCard } from '../../../src/ui/api/cards.ts';
import { intervalTone } from '../../../src/ui/logic/format.ts';
import { computeRoi, roiAccuracyText, roiBetsText } from '../../../src/ui/logic/roi.ts';
import { apiCard } from './api-card.ts';

describe('computeRoi', () => {
  it('stakes 1 on each value bet of scored finished matches, in kick-off order', () => {
    const cards = [
      // won at 2.5 → +1.5 (listed second but kicks off first)
      decodeCard(apiCard({ match_id: 2, start_time_utc: '2026-01-01T00:00:00Z' }), 'c'),
      // lost → −1
      decodeCard(
        apiCard({
          match_id: 1,
          start_time_utc: '2026-01-02T00:00:00Z',
          outcome: 2,
          home_score: 0,
          away_score: 1,
          prediction_correct: false,
        }),
        'c',
      ),
      // scored, no value bet: counts for accuracy, not for ROI
      decodeCard(apiCard({ match_id: 3, value_bet: null }), 'c'),
      // computed after kick-off by the champion: not scored at all
      decodeCard(apiCard({ match_id: 4, model_stage: 'champion' }), 'c'),
      // not finished
      decodeCard(apiCard({ match_id: 5, outcome: null, status: 'scheduled', prediction_correct: null }), 'c'),
    ];
    const roi = computeRoi(cards);
    expect(roi.bets).toBe(2);
    expect(roi.hits).toBe(1);
    expect(roi.hitRate).toBe(0.5);
    expect(roi.profit).toBeCloseTo(0.5);
    expect(roi.roiPct).toBeCloseTo(25);
    expect(roi.scoredMatches).toBe(3);
    expect(roi.correct).toBe(2);
    expect(roi.curve.profit).toEqual([1.5, 0.5]);
    // Resampling the two bets (+1.5, −1): ROI −100, +25 or +150, so the interval spans them all.
    expect(roi.results).toEqual([
      { staked: 1, profit: expect.closeTo(1.5, 9) },
      { staked: 1, profit: -1 },
    ]);
    expect(roiInterval(roi.results, DEFAULT_BOOTSTRAP)).toEqual([-100, expect.closeTo(150, 9)]);
    expect(roi.maxDrawdown).toBeCloseTo(1);
    expect(roi.models).toEqual(['backtest']);
    expect(roi.curve.timesMs).toEqual([
      Date.parse('2026-01-01T00:00:00Z'),
      Date.parse('2026-01-02T00:00:00Z'),
    ]);
  });

  it('says how many bets rest on predictions published before kick-off and how many on the backtest', () => {
    const published = (id: number, overrides = {}) =>
      decodeCard(
        apiCard({
          match_id: id,
          model_stage: 'champion',
          predictions_computed_at: '2026-03-01T13:00:00.000Z',
          ...overrides,
        }),
        'c',
      );
    const roi = computeRoi([
      published(1),
      published(2),
      // published before kick-off, no value bet: not a bet
      published(3, { value_bet: null }),
      // published after kick-off: not scored, so not a bet
      published(4, { predictions_computed_at: '2026-03-01T16:00:00.000Z' }),
      ...[5, 6, 7].map((id) => decodeCard(apiCard({ match_id: id }), 'c')),
    ]);
    expect(roi.bets).toBe(5);
    expect(roi.betsBySource).toEqual({ beforeKickoff: 2, backtest: 3 });
    expect(roiBetsText(roi)).toBe(
      '5 bets: 2 on predictions published before kick-off, 3 from the walk-forward backtest',
    );
    expect(roiBetsText({ bets: 2_437, betsBySource: { beforeKickoff: 12, backtest: 2_425 } })).toBe(
      '2,437 bets: 12 on predictions published before kick-off, 2,425 from the walk-forward backtest',
    );
    expect(roiBetsText(computeRoi([]))).toBe('0 bets');
  });

  it("says how often the model was right on the view's scored matches, or that none is scored", () => {
    expect(roiAccuracyText({ correct: 1_204, scoredMatches: 2_437 })).toBe(
      'Model right on 1,204 of 2,437 scored matches.',
    );
    expect(roiAccuracyText({ correct: 1, scoredMatches: 1 })).toBe('Model right on 1 of 1 scored match.');
    expect(roiAccuracyText(computeRoi([]))).toBe(
      'No scored match in this view yet: nothing says how often the model was right.',
    );
  });

  it('reports nulls without bets', () => {
    const roi = computeRoi([]);
    expect(roi).toMatchObject({
      bets: 0,
      hitRate: null,
      roiPct: null,
      results: [],
      maxDrawdown: 0,
      profit: 0,
    });
  });
});

describe('intervalTone', () => {
  it('colours a figure only when its interval lies wholly on one side of zero', () => {
    expect(intervalTone([0.5, 12])).toBe('gain');
    expect(intervalTone([-20, -0.1])).toBe('loss');
    expect(intervalTone([-17.7, 12.8])).toBe('');
    expect(intervalTone([0, 3])).toBe('');
    expect(intervalTone(null)).toBe('');
  });
});
