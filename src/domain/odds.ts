/** Odds maths: decimal 1X2 odds → implied and margin-free probabilities. */
import type { Probabilities } from './outcome.ts';

/** The goals line of the over/under market football-data.co.uk quotes (`B365>2.5`, `AvgC<2.5`, …). */
export const OVER_UNDER_LINE = 2.5;

/** Decimal odds for home, draw, away. */
export type Odds1x2 = readonly [number, number, number];

/** A decimal price: finite and above 1 (at 1 a winning bet pays back only its stake). */
export function isValidPrice(odd: number): boolean {
  return Number.isFinite(odd) && odd > 1;
}

export function isValidOdds(odds: readonly (number | null | undefined)[]): odds is Odds1x2 {
  return odds.length === 3 && odds.every((o) => typeof o === 'number' && isValidPrice(o));
}

/** The bookmaker's margin (overround): Σ 1/odd − 1. */
export function overround(odds: Odds1x2): number {
  return 1 / odds[0] + 1 / odds[1] + 1 / odds[2] - 1;
}

/**
 * A margin (overround) below this: a book paying out over 3 % more than it takes on every outcome. No bookmaker
 * prices that (a fair or rounded book sits just under 0, hence the room): such prices are a data error.
 */
const LEAST_BELIEVABLE_MARGIN = -0.03;

/** Whether a book's margin (Σ 1/odd − 1, any number of outcomes) is one a bookmaker could quote (not clearly negative). */
export function hasBelievableMargin(odds: readonly number[]): boolean {
  let inverse = 0;
  for (const odd of odds) inverse += 1 / odd;
  return inverse - 1 >= LEAST_BELIEVABLE_MARGIN;
}

/** Margin-free implied probabilities by proportional normalisation of 1/odd. */
export function impliedProbabilities(odds: Odds1x2): Probabilities {
  const inv = [1 / odds[0], 1 / odds[1], 1 / odds[2]] as const;
  const total = inv[0] + inv[1] + inv[2];
  return [inv[0] / total, inv[1] / total, inv[2] / total];
}
