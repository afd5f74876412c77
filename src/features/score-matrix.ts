/**
 * The score matrix of a goal model and what it prices: P(home goals = i, away goals = j) for i, j ≤ MAX_GOALS
 * (Dixon–Coles τ on the four low scores, renormalised so the matrix sums to 1), then the 1X2, over/under 2.5
 * goals and both-teams-to-score probabilities read off it.
 *
 * @example
 *   const m = scoreMatrix([1.5, 1.1], -0.05);
 *   matrixOutcomes(m).over25;
 */
import { rhoWithin, tau } from './dixon-coles.ts';

/** Scores above 10 goals a side carry well under 1e-6 of the mass for any realistic rate. */
export const MAX_GOALS = 10;
const SIZE = MAX_GOALS + 1;

function poissonColumn(rate: number): Float64Array {
  const p = new Float64Array(SIZE);
  p[0] = Math.exp(-rate);
  for (let k = 1; k < SIZE; k++) p[k] = ((p[k - 1] as number) * rate) / k;
  return p;
}

/** (MAX_GOALS + 1)² probabilities, row-major by home goals, summing to 1. */
export function scoreMatrix(rates: readonly [number, number], fittedRho: number): Float64Array {
  const [lambda, mu] = rates;
  const rho = rhoWithin(lambda, mu, fittedRho);
  const h = poissonColumn(lambda);
  const a = poissonColumn(mu);
  const m = new Float64Array(SIZE * SIZE);
  let total = 0;
  for (let i = 0; i < SIZE; i++) {
    for (let j = 0; j < SIZE; j++) {
      const p = (h[i] as number) * (a[j] as number) * tau(i, j, lambda, mu, rho);
      m[i * SIZE + j] = p;
      total += p;
    }
  }
  for (let k = 0; k < m.length; k++) m[k] = (m[k] as number) / total;
  return m;
}

export interface MatrixOutcomes {
  readonly home: number;
  readonly draw: number;
  readonly away: number;
  /** More than 2.5 goals in total. */
  readonly over25: number;
  /** Both teams score at least once. */
  readonly btts: number;
  readonly expectedHomeGoals: number;
  readonly expectedAwayGoals: number;
}

export function matrixOutcomes(m: Float64Array): MatrixOutcomes {
  let home = 0;
  let draw = 0;
  let away = 0;
  let over25 = 0;
  let btts = 0;
  let xh = 0;
  let xa = 0;
  for (let i = 0; i < SIZE; i++) {
    for (let j = 0; j < SIZE; j++) {
      const p = m[i * SIZE + j] as number;
      if (i > j) home += p;
      else if (i === j) draw += p;
      else away += p;
      if (i + j > 2) over25 += p;
      if (i > 0 && j > 0) btts += p;
      xh += i * p;
      xa += j * p;
    }
  }
  return { home, draw, away, over25, btts, expectedHomeGoals: xh, expectedAwayGoals: xa };
}
