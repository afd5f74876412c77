/**
 * Goals model of the simulator: independent Poisson goals with the Dixon–Coles (1997) correction τ that
 * moves probability between the low scores 0-0, 1-0, 0-1 and 1-1 (real football has more 0-0 and 1-1 draws
 * than two independent Poissons give). ρ < 0 raises the draws.
 */
import type { Probabilities } from '../../domain/outcome.ts';

/** Scores up to this many goals per side are modelled; the tail beyond carries negligible mass. */
export const MAX_GOALS = 10;

function poissonPmf(lambda: number): number[] {
  const pmf = [Math.exp(-lambda)];
  for (let k = 1; k <= MAX_GOALS; k++) pmf.push((pmf[k - 1]! * lambda) / k);
  return pmf;
}

function tau(h: number, a: number, lh: number, la: number, rho: number): number {
  if (h === 0 && a === 0) return 1 - lh * la * rho;
  if (h === 0 && a === 1) return 1 + lh * rho;
  if (h === 1 && a === 0) return 1 + la * rho;
  if (h === 1 && a === 1) return 1 - rho;
  return 1;
}

/** The joint score distribution, normalised over 0..MAX_GOALS per side; index [home][away]. */
export function scoreMatrix(lambdaHome: number, lambdaAway: number, rho: number): number[][] {
  const ph = poissonPmf(lambdaHome);
  const pa = poissonPmf(lambdaAway);
  let total = 0;
  const m = ph.map((x, h) =>
    pa.map((y, a) => {
      const p = Math.max(0, x * y * tau(h, a, lambdaHome, lambdaAway, rho));
      total += p;
      return p;
    }),
  );
  return m.map((row) => row.map((p) => p / total));
}

/** Home win, draw, away win probabilities of a score matrix. */
export function outcomeProbabilities(matrix: readonly (readonly number[])[]): Probabilities {
  let home = 0;
  let draw = 0;
  let away = 0;
  matrix.forEach((row, h) => {
    row.forEach((p, a) => {
      if (h > a) home += p;
      else if (h === a) draw += p;
      else away += p;
    });
  });
  return [home, draw, away];
}

/** The score at cumulative probability `u` ∈ [0, 1) (inverse-CDF sampling, row-major). */
export function sampleScore(matrix: readonly (readonly number[])[], u: number): readonly [number, number] {
  let acc = 0;
  for (let h = 0; h < matrix.length; h++) {
    const row = matrix[h]!;
    for (let a = 0; a < row.length; a++) {
      acc += row[a]!;
      if (u < acc) return [h, a];
    }
  }
  return [0, 0];
}
