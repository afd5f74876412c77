import { describe, expect, it } from 'vitest';
import { decodeCard } from '../../../src/ui/api/cards.ts';
import { computeCalibration, drawnBins, MIN_DRAWN_BIN } from '../../../src/ui/logic/calibration.ts';
import { apiCard } from './api-card.ts';

describe('computeCalibration', () => {
  it('bins each outcome one-vs-rest and compares with what happened', () => {
    // Four matches predicted 0.75/0.15/0.10: three home wins, one away win → perfectly calibrated for home.
    const outcomes = [0, 0, 0, 2] as const;
    const cards = outcomes.map((o, i) =>
      decodeCard(
        apiCard({ match_id: i, proba_home: 0.75, proba_draw: 0.15, proba_away: 0.1, outcome: o }),
        'c',
      ),
    );
    const cal = computeCalibration(cards, 10);
    expect(cal.matches).toBe(4);
    expect(cal.byOutcome[0]).toEqual([{ meanPredicted: 0.75, observed: 0.75, n: 4 }]);
    expect(cal.byOutcome[1]).toEqual([{ meanPredicted: 0.15, observed: 0, n: 4 }]);
    expect(cal.byOutcome[2][0]!.observed).toBe(0.25);
    // |0.75−0.75|·4 + |0.15−0|·4 + |0.10−0.25|·4 over 12 predictions
    expect(cal.ece).toBeCloseTo((0 + 0.6 + 0.6) / 12);
  });

  it('ignores unscored and unfinished matches', () => {
    const cards = [
      decodeCard(apiCard({ model_stage: 'champion' }), 'c'),
      decodeCard(apiCard({ outcome: null, status: 'scheduled', prediction_correct: null }), 'c'),
    ];
    expect(computeCalibration(cards)).toMatchObject({ matches: 0, ece: null });
  });

  it('puts a probability of exactly 1 in the top bin', () => {
    const cards = [decodeCard(apiCard({ proba_home: 1, proba_draw: 0, proba_away: 0 }), 'c')];
    expect(computeCalibration(cards, 10).byOutcome[0]).toEqual([{ meanPredicted: 1, observed: 1, n: 1 }]);
  });

  it('draws only bins of at least MIN_DRAWN_BIN matches', () => {
    const bin = (n: number) => ({ meanPredicted: 0.9, observed: 0, n });
    expect(drawnBins([bin(3), bin(MIN_DRAWN_BIN), bin(MIN_DRAWN_BIN - 1)])).toEqual([bin(MIN_DRAWN_BIN)]);
  });
});
