import { describe, expect, it } from 'vitest';
import { logLoss, rankedProbabilityScore } from '../../../src/models/metrics.ts';
import { MIN_MATCHES, pairedGap } from '../../../src/models/paired-gap.ts';

const rows = (...ps: [number, number, number][]) => Float64Array.from(ps.flat());

describe('the paired gap between two forecasters', () => {
  it('is the difference of their mean log loss and RPS on the same matches', () => {
    const a = rows([0.5, 0.3, 0.2], [0.2, 0.3, 0.5], [0.6, 0.2, 0.2]);
    const b = rows([0.4, 0.3, 0.3], [0.3, 0.3, 0.4], [0.3, 0.4, 0.3]);
    const y = Uint8Array.from([0, 2, 1]);
    const g = pairedGap(a, b, y);
    expect(g.n).toBe(3);
    expect(g.log_loss).toBeCloseTo(logLoss(a, y) - logLoss(b, y), 12);
    expect(g.rps).toBeCloseTo(rankedProbabilityScore(a, y) - rankedProbabilityScore(b, y), 12);
    // Too few matches for the normal approximation: a mean, no interval.
    expect([g.log_loss_ci95, g.rps_ci95]).toEqual([null, null]);
  });

  it('gives a 95 % interval that holds the true gap about 95 % of the time', () => {
    // A forecaster worse than the truth by a known amount: its expected gap is the KL divergence.
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const truth: [number, number, number] = [0.45, 0.28, 0.27];
    const off: [number, number, number] = [0.55, 0.25, 0.2];
    const kl = truth.reduce((s, p, k) => s + p * Math.log(p / off[k]!), 0);
    const n = 400;
    const trials = 400;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const y = Uint8Array.from({ length: n }, () => {
        const u = random();
        return u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
      });
      const g = pairedGap(rows(...Array(n).fill(off)), rows(...Array(n).fill(truth)), y);
      const [low, high] = g.log_loss_ci95!;
      if (low <= kl && kl <= high) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.91);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it('has nothing to say about no match, and an interval from MIN_MATCHES on', () => {
    expect(pairedGap(new Float64Array(), new Float64Array(), new Uint8Array())).toEqual({
      n: 0,
      log_loss: null,
      log_loss_ci95: null,
      rps: null,
      rps_ci95: null,
    });
    const p = rows(...Array(MIN_MATCHES).fill([0.5, 0.3, 0.2]));
    const q = rows(...Array(MIN_MATCHES).fill([0.4, 0.3, 0.3]));
    const y = Uint8Array.from({ length: MIN_MATCHES }, (_, i) => i % 3);
    expect(pairedGap(p, q, y).log_loss_ci95).not.toBeNull();
  });
});
