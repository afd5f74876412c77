import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../src/models/gbdt/prng.ts';
import type { Dataset } from '../../../src/models/model.ts';
import {
  fitOrderedLogit,
  OrderedLogitTrainer,
  orderedLogitProbabilities,
} from '../../../src/models/ordered-logit.ts';

const TRUE = { beta: 0.004, cut1: -0.6, cut2: 0.45 };

/** Elo-like differences (home advantage shifts the mean) and outcomes drawn from the true ordered logit. */
function simulate(n: number, seed: number): { x: Float64Array; y: Uint8Array } {
  const prng = createPrng(seed);
  const x = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const gauss = Math.sqrt(-2 * Math.log(1 - prng.next())) * Math.cos(2 * Math.PI * prng.next());
    x[i] = 60 + 180 * gauss;
    const [home, draw] = orderedLogitProbabilities(TRUE, x[i]!);
    const u = prng.next();
    y[i] = u < home ? 0 : u < home + draw ? 1 : 2;
  }
  return { x, y };
}

describe('ordered logit', () => {
  it('recovers known parameters from simulated matches', () => {
    const { x, y } = simulate(60_000, 4);
    const fit = fitOrderedLogit(x, y);
    expect(fit.beta).toBeCloseTo(TRUE.beta, 3);
    expect(Math.abs(fit.beta - TRUE.beta) / TRUE.beta).toBeLessThan(0.05);
    expect(Math.abs(fit.cut1 - TRUE.cut1)).toBeLessThan(0.04);
    expect(Math.abs(fit.cut2 - TRUE.cut2)).toBeLessThan(0.04);
    expect(fit.iterations).toBeLessThan(20);
  });

  it('is at a maximum: nudging any parameter lowers the likelihood', () => {
    const { x, y } = simulate(5_000, 9);
    const fit = fitOrderedLogit(x, y);
    const meanLl = (p: typeof TRUE): number => {
      let total = 0;
      for (let i = 0; i < y.length; i++) total += Math.log(orderedLogitProbabilities(p, x[i]!)[y[i]!]!);
      return total / y.length;
    };
    const best = meanLl(fit);
    expect(best).toBeCloseTo(fit.meanLogLikelihood, 10);
    for (const [key, delta] of [
      ['beta', 1e-4],
      ['cut1', 1e-2],
      ['cut2', 1e-2],
    ] as const) {
      expect(meanLl({ ...fit, [key]: fit[key] + delta })).toBeLessThan(best);
      expect(meanLl({ ...fit, [key]: fit[key] - delta })).toBeLessThan(best);
    }
  });

  it('trains on one named column of a wider feature matrix', () => {
    const { x: elo, y } = simulate(4_000, 2);
    const d = 3;
    const x = new Float64Array(elo.length * d);
    for (let r = 0; r < elo.length; r++) x.set([r % 5, elo[r]!, -1], r * d);
    const data: Dataset = { featureNames: ['noise', 'elo_diff', 'const'], n: elo.length, d, x, y };
    const model = new OrderedLogitTrainer('elo_diff').train(data);
    expect(model.family).toBe('ordered_logit');
    const p = model.predict(x.subarray(0, 3 * d), 3);
    const direct = orderedLogitProbabilities(
      model.params as { beta: number; cut1: number; cut2: number },
      Math.fround(elo[0]!),
    );
    expect(Array.from(p.subarray(0, 3))).toEqual(direct);
    expect(() => new OrderedLogitTrainer('missing').train(data)).toThrow(/missing/);
  });

  it('needs every outcome at least once', () => {
    expect(() => fitOrderedLogit([1, 2, 3], [0, 0, 2])).toThrow(/every outcome/);
  });
});
