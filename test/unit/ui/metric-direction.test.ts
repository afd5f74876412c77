import { describe, expect, it } from 'vitest';
import {
  bestColumns,
  metricDirection,
  metricMarks,
  scoredOnDifferentMatches,
} from '../../../src/ui/logic/metric-direction.ts';

describe("the model view's best marks", () => {
  it('compares models on scores of their own forecasts, each the right way', () => {
    expect(['log_loss', 'rps', 'brier', 'ece', 'calibration_error'].map(metricDirection)).toEqual(
      Array(5).fill('lower'),
    );
    expect(['accuracy', 'roc_auc_ovr'].map(metricDirection)).toEqual(['higher', 'higher']);
    expect([...bestColumns('log_loss', [0.99, 0.98, 1.01])]).toEqual([1]);
    expect([...bestColumns('accuracy', [0.5, 0.52, undefined])]).toEqual([1]);
  });

  it('marks no count, baseline or unknown metric: the most test matches or the easiest market is no merit', () => {
    for (const metric of ['n_test', 'n', 'market_log_loss', 'prior_log_loss', 'duration_ms', 'version'])
      expect([metric, metricDirection(metric)]).toEqual([metric, null]);
    expect(bestColumns('n_test', [20_394, 19_000]).size).toBe(0);
    expect(bestColumns('market_log_loss', [0.9897, 0.991]).size).toBe(0);
  });

  it('marks nothing when the models do not differ', () => {
    expect(bestColumns('rps', [0.2, 0.2]).size).toBe(0);
    expect(bestColumns('rps', [0.2, 'n/a']).size).toBe(0);
  });

  it('marks the best green only when the market, scored on the same matches, did no better', () => {
    // The demo's champion: best of the models, yet 0.0137 behind the market's log loss.
    const champion = { n: 1000, log_loss: 1.00226, market_log_loss: 0.98859, rps: 0.2077, accuracy: 0.5115 };
    const other = { n: 1000, log_loss: 1.01, market_log_loss: 0.98859, rps: 0.21, accuracy: 0.5 };
    expect(metricMarks('log_loss', [champion, other])).toEqual([
      { kind: 'behind-market', market: 0.98859, behind: expect.closeTo(0.01367, 9), best: true },
      { kind: 'behind-market', market: 0.98859, behind: expect.closeTo(0.02141, 9), best: false },
    ]);
    expect(metricMarks('log_loss', [{ ...champion, log_loss: 0.985 }, other])[0]).toEqual({ kind: 'good' });
    // Level with the market is not behind it.
    expect(metricMarks('log_loss', [{ ...champion, log_loss: 0.98859 }, other])[0]).toEqual({ kind: 'good' });
    // Higher is better: behind when under the market's.
    expect(
      metricMarks('accuracy', [{ accuracy: 0.51, market_accuracy: 0.53 }, { accuracy: 0.5 }])[0],
    ).toEqual({
      kind: 'behind-market',
      market: 0.53,
      behind: expect.closeTo(0.02, 9),
      best: true,
    });
    // No market score for it: nothing to be behind, and the best of the models stays green.
    expect(metricMarks('rps', [champion, other])).toEqual([{ kind: 'good' }, null]);
    // Not a score of the model: nothing.
    expect(metricMarks('n', [champion, other])).toEqual([null, null]);
  });

  it('compares a model alone with the market: behind it says so, and it is green only ahead of it', () => {
    const alone = { n: 1000, log_loss: 1.0031, market_log_loss: 0.9891, rps: 0.2 };
    expect(metricMarks('log_loss', [alone])).toEqual([
      { kind: 'behind-market', market: 0.9891, behind: expect.closeTo(0.014, 9), best: false },
    ]);
    expect(metricMarks('log_loss', [{ ...alone, log_loss: 0.98 }])).toEqual([{ kind: 'good' }]);
    // No other model to beat and no market to compare with: nothing green.
    expect(metricMarks('rps', [alone])).toEqual([null]);
  });

  it('marks no best among models scored on different matches, only each against its market', () => {
    const a = { n: 1000, log_loss: 0.98, market_log_loss: 0.99, rps: 0.2 };
    const b = { n: 900, log_loss: 1.0, market_log_loss: 0.99, rps: 0.21 };
    expect(scoredOnDifferentMatches([a, b])).toBe(true);
    expect(scoredOnDifferentMatches([a, { ...b, n: 1000 }])).toBe(false);
    expect(scoredOnDifferentMatches([a, { log_loss: 1 }])).toBe(false);
    expect(metricMarks('rps', [a, b])).toEqual([null, null]);
    expect(metricMarks('log_loss', [a, b])).toEqual([
      { kind: 'good' },
      { kind: 'behind-market', market: 0.99, behind: expect.closeTo(0.01, 9), best: false },
    ]);
  });
});
