/**
 * Many ROIs side by side, each with its 95 % interval: even if every true ROI were zero, about 1 interval in 20
 * would exclude zero by chance alone, so the best of many slices looks better than it is. The one rule for
 * saying so: how many slices are compared and how many of their intervals lie wholly above or below zero, beside
 * how many would by chance.
 *
 * Counted, not adjusted: a Bonferroni interval for N slices needs the bootstrap's outer 2.5 %/N tails, which a
 * few thousand resamples cannot place (20 leagues: 2.5 of 2,000 resamples a tail; 500 league-seasons: none).
 */

/**
 * Slices with fewer bets are not compared: a percentile bootstrap over a handful of bets is too narrow (on a
 * fair market, a 1-bet interval always excludes zero, a 10-bet one about 1 time in 10; from 30 bets close to 1
 * in 20).
 */
export const MIN_BETS_COMPARED = 30;

export interface Multiplicity {
  readonly min_bets: number;
  /** Slices with at least `min_bets` bets: the ones counted. */
  readonly compared: number;
  /** How many of those would exclude zero by chance if every true ROI were zero (1 in 20, half each side). */
  readonly expected_by_chance: number;
  /** Intervals wholly above zero. */
  readonly above_zero: number;
  /** Intervals wholly below zero. */
  readonly below_zero: number;
}

/** Counts the 95 % ROI intervals of `slices` that exclude zero, among those with enough bets to judge. */
export function multiplicity(
  slices: readonly { readonly n_bets: number; readonly ci95: readonly [number, number] | null }[],
): Multiplicity {
  const compared = slices.filter((s) => s.n_bets >= MIN_BETS_COMPARED && s.ci95 !== null);
  return {
    min_bets: MIN_BETS_COMPARED,
    compared: compared.length,
    expected_by_chance: compared.length / 20,
    above_zero: compared.filter((s) => (s.ci95 as [number, number])[0] > 0).length,
    below_zero: compared.filter((s) => (s.ci95 as [number, number])[1] < 0).length,
  };
}
