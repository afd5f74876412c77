/**
 * The goal markets of one match: over 2.5 goals and both teams to score. The feature table computes them
 * (src/features/goal-markets.ts), the prediction log keeps them beside the 1X2 they were published with, and a
 * finished match shows the logged pair, never a recomputation.
 */

export interface GoalMarkets {
  /** More than 2.5 goals in total. */
  readonly over25: number;
  /** Both teams score. */
  readonly btts: number;
}

const isProbability = (v: number) => v >= 0 && v <= 1;

/** `g` when both are probabilities, else null: a NaN or out-of-range value is never logged or shown. */
export function goalMarketsOrNull(g: GoalMarkets | null | undefined): GoalMarkets | null {
  return g != null && isProbability(g.over25) && isProbability(g.btts) ? g : null;
}
