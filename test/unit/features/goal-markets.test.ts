import { describe, expect, it } from 'vitest';
import { loadParams } from '../../../src/config/params.ts';
import { buildFeatureTable } from '../../../src/features/feature-table.ts';
import { goalMarketReader } from '../../../src/features/goal-markets.ts';
import { MAX_GOALS, matrixOutcomes, scoreMatrix } from '../../../src/features/score-matrix.ts';
import { syntheticLeague } from './synthetic-league.ts';

const SIZE = MAX_GOALS + 1;
const poisson = (rate: number, k: number) => {
  let p = Math.exp(-rate);
  for (let i = 1; i <= k; i++) p *= rate / i;
  return p;
};

describe('over/under 2.5 and both-teams-to-score from the score matrix', () => {
  // τ moves mass only among 0-0, 1-0, 0-1 and 1-1, keeping each side's goal marginal: so under 2.5 is the
  // Poisson(λ + μ) probability of at most 2 goals whatever ρ, and BTTS needs ρ only through the 0-0 cell.
  // Checked to 1e-4: the matrix stops at 10 goals a side and is renormalised.
  it.each([
    [1.5, 1.1, -0.08],
    [0.7, 2.2, 0.05],
    [2.4, 0.4, -0.2],
  ])('match closed forms for λ = %f, μ = %f, ρ = %f', (lambda, mu, rho) => {
    const o = matrixOutcomes(scoreMatrix([lambda, mu], rho));
    const total = lambda + mu;
    const under = Math.exp(-total) * (1 + total + (total * total) / 2);
    expect(o.over25).toBeCloseTo(1 - under, 4);
    const btts = 1 - Math.exp(-lambda) - Math.exp(-mu) + Math.exp(-total) * (1 - lambda * mu * rho);
    expect(o.btts).toBeCloseTo(btts, 4);
  });

  it('keeps the 1X2 and goal marginals: 1X2 sums to 1, each side scores as its Poisson rate says', () => {
    const [lambda, mu, rho] = [1.6, 1.05, -0.1];
    const m = scoreMatrix([lambda, mu], rho);
    const o = matrixOutcomes(m);
    expect(o.home + o.draw + o.away).toBeCloseTo(1, 12);
    for (let i = 0; i < 6; i++) {
      let row = 0;
      let column = 0;
      for (let j = 0; j < SIZE; j++) {
        row += m[i * SIZE + j] as number;
        column += m[j * SIZE + i] as number;
      }
      expect(row).toBeCloseTo(poisson(lambda, i), 6);
      expect(column).toBeCloseTo(poisson(mu, i), 6);
    }
    expect(o.expectedHomeGoals).toBeCloseTo(lambda, 4);
    expect(o.expectedAwayGoals).toBeCloseTo(mu, 4);
    // Over 2.5 and BTTS are probabilities of events of this same matrix: their complements sum the other cells.
    let under = 0;
    let nobodyOrOne = 0;
    for (let i = 0; i < SIZE; i++)
      for (let j = 0; j < SIZE; j++) {
        if (i + j <= 2) under += m[i * SIZE + j] as number;
        if (i === 0 || j === 0) nobodyOrOne += m[i * SIZE + j] as number;
      }
    expect(o.over25 + under).toBeCloseTo(1, 12);
    expect(o.btts + nobodyOrOne).toBeCloseTo(1, 12);
  });

  it('are read from the feature rows, as probabilities, for every match', () => {
    const table = buildFeatureTable(
      syntheticLeague({ seed: 3, teams: 6, seasons: 2, firstYear: 2020 }),
      loadParams().features,
      {
        nowMs: Date.UTC(2030, 0, 1),
      },
    );
    const read = goalMarketReader(table);
    expect(read).not.toBeNull();
    const over = table.featureNames.indexOf('dc_over25');
    const btts = table.featureNames.indexOf('dc_btts');
    for (let row = 0; row < table.n; row++) {
      const g = read?.(row);
      expect(g?.over25).toBe(table.x[row * table.d + over]);
      expect(g?.btts).toBe(table.x[row * table.d + btts]);
      expect(g?.over25).toBeGreaterThan(0);
      expect(g?.over25).toBeLessThan(1);
      expect(g?.btts).toBeGreaterThan(0);
      expect(g?.btts).toBeLessThan(1);
    }
    expect(goalMarketReader({ featureNames: ['elo_diff'], d: 1, x: new Float64Array(1) })).toBeNull();
  });
});
