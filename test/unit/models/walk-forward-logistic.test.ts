import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../../../src/domain/seeded-random.ts';
import { binaryLogisticPredict, fitBinaryLogistic } from '../../../src/models/binary-logistic.ts';
import { walkForwardLogistic } from '../../../src/models/walk-forward-logistic.ts';

const DAY_MS = 86_400_000;

/** n rows, one a day, one input x ~ U(−2, 2), y ~ Bernoulli(σ(a + b·x)). */
function synthetic(n: number, a: number, b: number, seed: number) {
  const next = random(seed);
  const x = new Float64Array(n);
  const y = new Int8Array(n);
  const timeMs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = next() * 4 - 2;
    y[i] = next() < 1 / (1 + Math.exp(-(a + b * (x[i] as number)))) ? 1 : 0;
    timeMs[i] = Date.UTC(2020, 0, 1) + i * DAY_MS;
  }
  return { x, y, timeMs, fallback: new Float64Array(n).fill(0.5), d: 1 };
}

const schedule = { refitDays: 30, windowDays: 3650, minRows: 200 };

describe('binary logistic regression', () => {
  it('recovers the coefficients that generated the data', () => {
    const { x, y } = synthetic(20_000, -0.3, 0.6, 1);
    const fit = fitBinaryLogistic(x, Uint8Array.from(y), 1);
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(-0.3, 1);
    expect(fit.coefficients[1]).toBeCloseTo(0.6, 1);
  });

  it('predicts on average the rate it was fitted on (the intercept is not penalised)', () => {
    const { x, y } = synthetic(3_000, 0.4, 1.2, 2);
    const fit = fitBinaryLogistic(x, Uint8Array.from(y), 1, { l2: 0.01 });
    let predicted = 0;
    let observed = 0;
    for (let i = 0; i < y.length; i++) {
      predicted += binaryLogisticPredict(fit.coefficients, [x[i] as number]);
      observed += y[i] as number;
    }
    expect(predicted / y.length).toBeCloseTo(observed / y.length, 6);
  });
});

describe('walk-forward logistic recalibration', () => {
  it('keeps the fallback until enough finished rows exist, then gives probabilities strictly inside (0, 1)', () => {
    const data = synthetic(1_000, 0, 1, 3);
    const { p, fits } = walkForwardLogistic(data, schedule);
    expect(fits[0]?.n).toBeGreaterThanOrEqual(200);
    const firstFitMs = fits[0]?.fromMs as number;
    for (let i = 0; i < p.length; i++) {
      if ((data.timeMs[i] as number) < firstFitMs) expect(p[i]).toBe(0.5);
      expect(p[i]).toBeGreaterThan(0);
      expect(p[i]).toBeLessThan(1);
    }
  });

  it('fits on the past only: a row is unchanged by its own result and by any later one', () => {
    const data = synthetic(1_000, 0, 1, 4);
    const before = walkForwardLogistic(data, schedule).p;
    const k = 700;
    const changed = Int8Array.from(data.y, (v, i) => (i >= k ? ((1 - v) as 0 | 1) : v));
    const after = walkForwardLogistic({ ...data, y: changed }, schedule).p;
    for (let i = 0; i <= k; i++) expect(after[i]).toBe(before[i]);
    expect(after.slice(k + 1).some((v, j) => v !== before[k + 1 + j])).toBe(true);
  });

  it('ignores unfinished rows and is monotone in an input with a positive slope', () => {
    const data = synthetic(1_000, 0.2, 0.8, 5);
    const y = Int8Array.from(data.y, (v, i) => (i % 7 === 0 ? -1 : v));
    const { fits } = walkForwardLogistic({ ...data, y }, schedule);
    const last = fits.at(-1);
    expect(last?.coefficients[1]).toBeGreaterThan(0);
    const grid = [-2, -1, 0, 1, 2].map((v) => binaryLogisticPredict(last?.coefficients ?? [], [v]));
    for (let j = 1; j < grid.length; j++) expect(grid[j]).toBeGreaterThan(grid[j - 1] as number);
  });

  it('gives asked rows the values of the full run, making only the refits they use', () => {
    const data = synthetic(1_000, 0.1, 0.9, 7);
    const full = walkForwardLogistic(data, schedule);
    const asked = [998, 999, 400];
    const some = walkForwardLogistic(data, schedule, asked);
    for (const i of asked) expect(some.p[i]).toBe(full.p[i]);
    expect(some.fits.length).toBe(2);
    expect(some.refitInstants).toBe(full.refitInstants);
    expect(Number.isNaN(some.p[500])).toBe(true);
  });

  it('fits only on the window before each refit', () => {
    const data = synthetic(1_000, 0, 1, 6);
    const { fits } = walkForwardLogistic(data, { refitDays: 30, windowDays: 100, minRows: 50 });
    for (const fit of fits) expect(fit.n).toBeLessThanOrEqual(100);
  });
});
