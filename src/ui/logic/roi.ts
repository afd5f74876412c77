/**
 * Flat-stake betting results for the cards in view: stake 1 on each card's value bet, counting only
 * finished matches whose prediction may be scored (walk-forward backtest or logged before kick-off), with its
 * seeded bootstrap 95 % interval (one bet per match, so resampling bets resamples matches) and drawdown.
 */

import { type MatchResult, maxDrawdown } from '../../domain/staking.ts';
import { flatStakeProfit } from '../../domain/value-bet.ts';
import type { MatchCard } from '../api/cards.ts';
import { count } from './format.ts';
import { bets as betsText } from './track-record.ts';

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
  /**
   * The bets by the prediction the card shows: one published before kick-off (preferred, where a match has it,
   * to the backtest's: publishedPrediction) or the walk-forward backtest's.
   */
  readonly betsBySource: { readonly beforeKickoff: number; readonly backtest: number };
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
  let beforeKickoff = 0;
  for (const c of betCards) {
    if (c.source === 'before_kickoff') beforeKickoff++;
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
    // Scored cards are either: the rest are the backtest's.
    betsBySource: { beforeKickoff, backtest: bets - beforeKickoff },
    models: [...models].sort(),
    scoredMatches,
    correct,
    curve: { timesMs, profit: profitCurve },
  };
}

/**
 * `2,437 bets: 12 on predictions published before kick-off, 2,425 from the walk-forward backtest`: what the
 * panel counts, which is not the backtest's record (that counts the backtest's prediction of every match).
 */
export function roiBetsText(roi: Pick<RoiSummary, 'bets' | 'betsBySource'>): string {
  if (roi.bets === 0) return betsText(0);
  const { beforeKickoff, backtest } = roi.betsBySource;
  return `${betsText(roi.bets)}: ${count(beforeKickoff)} on predictions published before kick-off, ${count(backtest)} from the walk-forward backtest`;
}

/** `Model right on 1,204 of 2,437 scored matches.`, or that nothing in view is scored yet. */
export function roiAccuracyText(roi: Pick<RoiSummary, 'correct' | 'scoredMatches'>): string {
  if (roi.scoredMatches === 0)
    return 'No scored match in this view yet: nothing says how often the model was right.';
  return `Model right on ${count(roi.correct)} of ${count(roi.scoredMatches)} scored ${roi.scoredMatches === 1 ? 'match' : 'matches'}.`;
}
