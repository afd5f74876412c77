/**
 * Flat-stake betting results for the cards in view: stake 1 on each card's value bet, counting only
 * finished matches whose prediction may be scored (walk-forward backtest or logged before kick-off), with its
 * seeded bootstrap 95 % interval (one bet per match, so resampling bets resamples matches) and drawdown.
 */

import { type MatchResult, maxDrawdown } from '../../domain/staking.ts';
import { flatStakeProfit } from '../../domain/value-bet.ts';
import type { MatchCard } from '../api/cards.ts';

export interface RoiSummary {
  readonly bets: number;
  readonly hits: number;
  /** Share of bets won, null without bets. */
  readonly hitRate: number | null;
  /** Units won or lost at stake 1. */
  readonly profit: number;
  /** profit / bets × 100, null without bets. */
  readonly roiPct: number | null;
  /**
   * Each bet's stake and profit in kick-off order: what the bootstrap 95 % interval of roiPct resamples
   * (with the server's bootstrap, as the betting stage's; the panel computes it off the render, useRoiInterval).
   */
  readonly results: readonly MatchResult[];
  /** Deepest fall of the cumulative profit from its peak, in units. */
  readonly maxDrawdown: number;
  /** The model stages the bets' predictions came from (e.g. champion, backtest). */
  readonly models: readonly string[];
  /** Scored finished matches and how many the model's most likely outcome got right. */
  readonly scoredMatches: number;
  readonly correct: number;
  /** Cumulative profit after each bet in kick-off order. */
  readonly curve: { readonly timesMs: readonly number[]; readonly profit: readonly number[] };
}

export function computeRoi(cards: readonly MatchCard[]): RoiSummary {
  const betCards: MatchCard[] = [];
  let scoredMatches = 0;
  let correct = 0;
  for (const c of cards) {
    if (!c.scored || c.outcome === null) continue;
    scoredMatches++;
    if (c.correct === true) correct++;
    if (c.valueBet !== null) betCards.push(c);
  }
  betCards.sort((a, b) => a.kickoffMs - b.kickoffMs || a.id - b.id);
  const timesMs: number[] = [];
  const profitCurve: number[] = [];
  let profit = 0;
  let hits = 0;
  const settled: MatchResult[] = [];
  const models = new Set<string>();
  for (const c of betCards) {
    // Both are non-null: betCards holds only finished cards with a value bet.
    const p = flatStakeProfit(c.valueBet!, c.outcome!);
    if (p > 0) hits++;
    profit += p;
    settled.push({ staked: 1, profit: p });
    models.add(c.modelStage);
    timesMs.push(c.kickoffMs);
    profitCurve.push(profit);
  }
  const bets = betCards.length;
  return {
    bets,
    hits,
    hitRate: bets === 0 ? null : hits / bets,
    profit,
    roiPct: bets === 0 ? null : (profit / bets) * 100,
    results: settled,
    maxDrawdown: maxDrawdown(profitCurve, 0).units,
    models: [...models].sort(),
    scoredMatches,
    correct,
    curve: { timesMs, profit: profitCurve },
  };
}
