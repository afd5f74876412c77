import { describe, expect, it } from 'vitest';
import { bestColumns, bestMark, metricDirection } from '../../../src/ui/logic/metric-direction.ts';

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
    const champion = { log_loss: 1.00226, market_log_loss: 0.98859, rps: 0.2077, accuracy: 0.5115 };
    expect(bestMark('log_loss', champion)).toEqual({
      kind: 'behind-market',
      market: 0.98859,
      behind: expect.closeTo(0.01367, 9),
    });
    expect(bestMark('log_loss', { ...champion, log_loss: 0.985 })).toEqual({ kind: 'good' });
    // Level with the market is not behind it.
    expect(bestMark('log_loss', { ...champion, log_loss: 0.98859 })).toEqual({ kind: 'good' });
    // Higher is better: behind when under the market's.
    expect(bestMark('accuracy', { accuracy: 0.51, market_accuracy: 0.53 })).toEqual({
      kind: 'behind-market',
      market: 0.53,
      behind: expect.closeTo(0.02, 9),
    });
    // No market score for it: nothing to be behind.
    expect(bestMark('rps', champion)).toEqual({ kind: 'good' });
  });
});
