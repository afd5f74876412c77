import { describe, expect, it } from 'vitest';
import { GbdtTrainer } from '../../../src/models/gbdt/gbdt-trainer.ts';
import { logLoss, nonlinearDataset, sliceRows } from './gbdt-synthetic.ts';

const data = nonlinearDataset(8000, 6, 11);
const train = sliceRows(data, 0, 6000);
const test = sliceRows(data, 6000, 8000);
const fast = { maxIterations: 150, learningRate: 0.1, minDataInLeaf: 40, maxBins: 31 } as const;

describe('GbdtTrainer', () => {
  it('learns a nonlinear 3-class function: far better than the priors, close to the true probabilities', () => {
    const model = new GbdtTrainer(fast).train(train, { seed: 1 });
    const p = model.predict(test.x, test.n);
    const counts = [0, 0, 0];
    for (const label of train.y) counts[label]! += 1;
    const priors = new Float64Array(test.n * 3);
    for (let r = 0; r < test.n; r++)
      priors.set(
        counts.map((c) => c / train.n),
        r * 3,
      );
    const oracle = logLoss(data.truth.slice(6000 * 3), test.y);
    const model_ = logLoss(p, test.y);
    expect(model_).toBeLessThan(logLoss(priors, test.y) - 0.1);
    expect(model_ - oracle).toBeLessThan(0.03);
    for (let r = 0; r < test.n; r++) expect(p[r * 3]! + p[r * 3 + 1]! + p[r * 3 + 2]!).toBeCloseTo(1, 12);
  });

  it('is deterministic for a seed and changes with the seed (bagging and feature sampling)', () => {
    const trainer = new GbdtTrainer({ ...fast, maxIterations: 30 });
    const a = trainer.train(train, { seed: 5 });
    const b = trainer.train(train, { seed: 5 });
    const c = trainer.train(train, { seed: 6 });
    expect(a.predict(test.x, test.n)).toEqual(b.predict(test.x, test.n));
    expect(a.toOnnx()).toEqual(b.toOnnx());
    expect(a.predict(test.x, test.n)).not.toEqual(c.predict(test.x, test.n));
  });

  it('stops early on the time-ordered tail when more rounds stop helping', () => {
    const model = new GbdtTrainer({
      ...fast,
      maxIterations: 2000,
      learningRate: 0.5,
      validationFraction: 0.2,
      earlyStoppingRounds: 10,
      refitOnAllRows: false,
    }).train(train, { seed: 1 });
    const rounds = model.params.rounds as number;
    expect(model.params.bestRound).toBe(rounds);
    expect(rounds).toBeGreaterThan(1);
    expect(rounds).toBeLessThan(200);
    expect(model.params.validationRows).toBe(1200);
    expect(model.params.validationLogLoss).toBeLessThan(1);
  });

  it('refits the early-stopped round count on all rows', () => {
    const options = { ...fast, learningRate: 0.5, validationFraction: 0.2, earlyStoppingRounds: 10 };
    const held = new GbdtTrainer({ ...options, refitOnAllRows: false }).train(train, { seed: 1 });
    const refit = new GbdtTrainer(options).train(train, { seed: 1 });
    expect(refit.params.rounds).toBe(held.params.rounds);
    expect(refit.predict(test.x, test.n)).not.toEqual(held.predict(test.x, test.n));
  });

  it('rejects invalid parameters and mis-shaped input', () => {
    expect(() => new GbdtTrainer({ learningRate: 0 })).toThrow(/learningRate/);
    expect(() => new GbdtTrainer({ maxBins: 300 })).toThrow(/maxBins/);
    const model = new GbdtTrainer({ ...fast, maxIterations: 2 }).train(train, { seed: 1 });
    expect(() => model.predict(new Float64Array(5), 1)).toThrow(/expected 1 × 6/);
  });
});
