/** Value bets: where the model's probability times the bookmaker's odd promises a positive expected return. */
import type { Odds1x2 } from './odds.ts';
import type { OutcomeClass, Probabilities } from './outcome.ts';

export interface ValueBet {
  readonly outcome: OutcomeClass;
  /** Expected return per unit stake: p·odd − 1. */
  readonly edge: number;
  readonly odd: number;
}

/** Default minimum edge for a bet (5 %). */
export const DEFAULT_EDGE_THRESHOLD = 0.05;

/** The outcome with the largest edge p·odd − 1 if that edge reaches the threshold, else null. */
export function valueBet(
  p: Probabilities,
  odds: Odds1x2,
  threshold = DEFAULT_EDGE_THRESHOLD,
): ValueBet | null {
  let best: ValueBet | null = null;
  for (const outcome of [0, 1, 2] as const) {
    const edge = p[outcome] * odds[outcome] - 1;
    if (best === null || edge > best.edge) best = { outcome, edge, odd: odds[outcome] };
  }
  return best !== null && best.edge >= threshold ? best : null;
}

/** Profit of a flat stake of 1 on `bet` given the actual outcome. */
export function flatStakeProfit(bet: ValueBet, actual: OutcomeClass): number {
  return bet.outcome === actual ? bet.odd - 1 : -1;
}
