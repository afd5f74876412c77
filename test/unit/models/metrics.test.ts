import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, reliabilityTable } from '../../../src/models/calibration.ts';
import {
  accuracy,
  binaryRocAuc,
  brierScore,
  logLoss,
  rankedProbabilityScore,
  rocAucOvr,
} from '../../../src/models/metrics.ts';
import { scoreForecasts } from '../../../src/models/scores.ts';

// Two matches: a home win forecast (0.5, 0.3, 0.2) and a draw forecast (0.2, 0.5, 0.3).
const p = Float64Array.from([0.5, 0.3, 0.2, 0.2, 0.5, 0.3]);
const y = Uint8Array.from([0, 1]);

describe('metrics (hand-computed)', () => {
  it('log loss is the mean of −ln p(observed)', () => {
    expect(logLoss(p, y)).toBeCloseTo(-(Math.log(0.5) + Math.log(0.5)) / 2, 12);
  });

  it('RPS uses cumulative probabilities over home < draw < away', () => {
    // Match 1: cum (0.5, 0.8) vs (1, 1): (0.25 + 0.04) / 2 = 0.145
    // Match 2: cum (0.2, 0.7) vs (0, 1): (0.04 + 0.09) / 2 = 0.065
    expect(rankedProbabilityScore(p, y)).toBeCloseTo((0.145 + 0.065) / 2, 12);
  });

  it('Brier sums squared errors over the three classes', () => {
    // (0.25 + 0.09 + 0.04) and (0.04 + 0.25 + 0.09)
    expect(brierScore(p, y)).toBeCloseTo(0.38, 12);
  });

  it('accuracy counts argmax hits, ties to the lower class', () => {
    expect(accuracy(p, y)).toBe(1);
    expect(accuracy(Float64Array.from([0.4, 0.4, 0.2]), Uint8Array.from([1]))).toBe(0);
  });

  it('binary AUC is the Mann–Whitney statistic with ties as ½', () => {
    expect(binaryRocAuc(Float64Array.from([0.1, 0.4, 0.35, 0.8]), Uint8Array.from([0, 0, 1, 1]))).toBe(0.75);
    expect(binaryRocAuc(Float64Array.from([0.5, 0.5]), Uint8Array.from([0, 1]))).toBe(0.5);
    expect(binaryRocAuc(Float64Array.from([0.5]), Uint8Array.from([1]))).toBeNull();
  });

  it('binary AUC equals the share of (positive, negative) pairs ordered right, ties ½, exactly', () => {
    let state = 5;
    const random = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    for (const n of [2, 7, 300]) {
      // Rounded to two decimals: many ties, as forecasts of the same price have.
      const scores = Float64Array.from({ length: n }, () => Math.round(random() * 100) / 100);
      const positive = Uint8Array.from({ length: n }, (_, i) =>
        i === 0 ? 1 : i === 1 ? 0 : random() < 0.4 ? 1 : 0,
      );
      let pairs = 0;
      let count = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (!positive[i] || positive[j]) continue;
          count++;
          const a = scores[i] as number;
          const b = scores[j] as number;
          pairs += a > b ? 1 : a === b ? 0.5 : 0;
        }
      }
      expect(binaryRocAuc(scores, positive)).toBe(pairs / count);
    }
  });

  it('OvR AUC averages the classes present', () => {
    // Class 0: positives {0.5}, negatives {0.2} → 1. Class 1: positives {0.5}, negatives {0.3} → 1.
    // Class 2 has no positive and is skipped.
    expect(rocAucOvr(p, y)).toBe(1);
  });

  it('reliability table and classwise ECE', () => {
    const table = reliabilityTable(p, y, 2);
    const home = table.filter((b) => b.outcome === 'home_win');
    // home probabilities 0.5 (hit) → upper bin, 0.2 (miss) → lower bin
    expect(home[0]).toMatchObject({ n: 1, meanPredicted: 0.2, observed: 0 });
    expect(home[1]).toMatchObject({ n: 1, meanPredicted: 0.5, observed: 1 });
    // home: (0.2 + 0.5)/2 = 0.35; draw: 0.3→0 gap 0.3, 0.5→1 gap 0.5 → 0.4; away: 0.2, 0.3 both miss, bin 0 → 0.25
    expect(expectedCalibrationError(p, y, 2)).toBeCloseTo((0.35 + 0.4 + 0.25) / 3, 12);
  });

  it('scoreForecasts reports every metric, or nulls for no matches', () => {
    expect(scoreForecasts(p, y, 2)).toMatchObject({ n: 2, accuracy: 1, roc_auc_ovr: 1 });
    expect(scoreForecasts(new Float64Array(0), new Uint8Array(0))).toMatchObject({ n: 0, log_loss: null });
  });
});
