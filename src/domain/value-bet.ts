/**
 * Value bets: where the model's probability times the bookmaker's odd promises a positive expected return, and
 * the promise is not too good to be true. Real closing markets leave a sound model edges of a few percent; an
 * edge far above that almost always means a wrong price, a wrong team or a stale prediction, so beyond a sanity
 * ceiling the edge is flagged as a probable data error and never advertised or staked.
 */
import { type Odds1x2, overround } from './odds.ts';
import type { OutcomeClass, Probabilities } from './outcome.ts';

export interface ValueBet {
  readonly outcome: OutcomeClass;
  /** Expected return per unit stake: p·odd − 1. */
  readonly edge: number;
  readonly odd: number;
}

export interface EdgeRule {
  /** Smallest edge worth a bet. */
  readonly threshold: number;
  /** Largest believable edge; above it the price or the prediction is probably wrong. */
  readonly ceiling: number;
}

/** Defaults of params.yaml `betting` (5 % minimum edge, 25 % ceiling). */
export const DEFAULT_EDGE_RULE: EdgeRule = { threshold: 0.05, ceiling: 0.25 };

/** The outcome with the largest edge p·odd − 1, whatever its size. */
export function bestEdge(p: Probabilities, odds: Odds1x2): ValueBet {
  let best: ValueBet = { outcome: 0, edge: p[0] * odds[0] - 1, odd: odds[0] };
  for (const outcome of [1, 2] as const) {
    const edge = p[outcome] * odds[outcome] - 1;
    if (edge > best.edge) best = { outcome, edge, odd: odds[outcome] };
  }
  return best;
}

export interface EdgeVerdict {
  /** The bet to advertise and stake: the best edge when it lies in [threshold, ceiling]. */
  readonly bet: ValueBet | null;
  /** The best edge when it lies above the ceiling: shown as a probable data error, never staked. */
  readonly suspect: ValueBet | null;
}

/**
 * A margin (overround) below this: a book paying out over 3 % more than it takes on every outcome. No bookmaker
 * prices that (a fair or rounded book sits just under 0, hence the room).
 */
const LEAST_BELIEVABLE_MARGIN = -0.03;

/**
 * What a match's best edge means under `rule`: a value bet, a suspect edge, or nothing. A book with a clearly
 * negative margin (LEAST_BELIEVABLE_MARGIN) is a data error, so the edge it offers is flagged whatever its size.
 */
export function judgeEdge(p: Probabilities, odds: Odds1x2, rule: EdgeRule = DEFAULT_EDGE_RULE): EdgeVerdict {
  const best = bestEdge(p, odds);
  const negativeMargin = overround(odds) < LEAST_BELIEVABLE_MARGIN;
  if (best.edge > rule.ceiling || (negativeMargin && best.edge >= rule.threshold))
    return { bet: null, suspect: best };
  return { bet: best.edge >= rule.threshold ? best : null, suspect: null };
}

/** The value bet of a match under `rule` (null when the best edge is below the threshold or above the ceiling). */
export function valueBet(
  p: Probabilities,
  odds: Odds1x2,
  rule: EdgeRule = DEFAULT_EDGE_RULE,
): ValueBet | null {
  return judgeEdge(p, odds, rule).bet;
}

/** Profit of a flat stake of 1 on `bet` given the actual outcome. */
export function flatStakeProfit(bet: ValueBet, actual: OutcomeClass): number {
  return bet.outcome === actual ? bet.odd - 1 : -1;
}
