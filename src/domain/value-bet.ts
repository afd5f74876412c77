/**
 * Value bets: where the model's probability times the bookmaker's odd promises a positive expected return, and
 * the promise is not too good to be true. Real closing markets leave a sound model edges of a few percent; an
 * edge far above that almost always means a wrong price, a wrong team or a stale prediction, so beyond a sanity
 * ceiling the edge is flagged as a probable data error and never advertised or staked. So is any edge of a
 * match where a team has too little history for the model to know it (a promoted club the data never saw, a
 * league's first fixtures): the model was never trained on such rows, and its edges there are its ignorance.
 */
import { hasBelievableMargin, type Odds1x2 } from './odds.ts';
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
  /**
   * Fewest earlier matches each team needs for its edge to be a bet: params.yaml `train.min_matches_played`, the
   * history below which no row is trained on.
   */
  readonly minMatchesPlayed: number;
}

/** Defaults of params.yaml `betting` (5 % minimum edge, 25 % ceiling) and `train.min_matches_played` (5). */
export const DEFAULT_EDGE_RULE: EdgeRule = { threshold: 0.05, ceiling: 0.25, minMatchesPlayed: 5 };

/**
 * Each team's earlier matches in the data when the prediction was made (the feature row's
 * `home_matches_played`, `away_matches_played`, counted up to `features.matches_played_cap`).
 */
export interface TeamHistory {
  readonly home: number;
  readonly away: number;
}

/** The history of two stored counts (log or artifact columns): unknown unless both are there. */
export function teamHistoryOf(
  home: number | null | undefined,
  away: number | null | undefined,
): TeamHistory | null {
  return home === null || home === undefined || away === null || away === undefined ? null : { home, away };
}

/** The outcome with the largest edge p·odd − 1, whatever its size. */
export function bestEdge(p: Probabilities, odds: Odds1x2): ValueBet {
  let best: ValueBet = { outcome: 0, edge: p[0] * odds[0] - 1, odd: odds[0] };
  for (const outcome of [1, 2] as const) {
    const edge = p[outcome] * odds[outcome] - 1;
    if (edge > best.edge) best = { outcome, edge, odd: odds[outcome] };
  }
  return best;
}

/** Why a best edge is flagged instead of bet. */
export const SUSPECT_REASONS = ['above_ceiling', 'negative_margin', 'little_history'] as const;
export type SuspectReason = (typeof SUSPECT_REASONS)[number];

export interface SuspectEdge extends ValueBet {
  readonly reason: SuspectReason;
}

export interface EdgeVerdict {
  /** The bet to advertise and stake: the best edge when it lies in [threshold, ceiling] and nothing flags it. */
  readonly bet: ValueBet | null;
  /** A best edge that would be a bet or is above the ceiling, flagged (with why): shown, never staked. */
  readonly suspect: SuspectEdge | null;
}

/**
 * Whether a team of `history` has fewer than `minMatchesPlayed` earlier matches: such a row is not trained on, and
 * its edge is not bet. Unknown history (null) passes.
 */
export function hasLittleHistory(history: TeamHistory | null, minMatchesPlayed: number): boolean {
  return history !== null && Math.min(history.home, history.away) < minMatchesPlayed;
}

/**
 * What a match's best edge means under `rule`: a value bet, a suspect edge, or nothing. Flagged, with the first
 * reason that applies: any edge worth a bet or above the ceiling found for a team with too little history; an
 * edge above the ceiling; an edge worth a bet offered by a book with a clearly negative margin
 * (hasBelievableMargin, a data error). `history` is null for predictions logged before it was kept, judged on
 * their prices alone.
 */
export function judgeEdge(
  p: Probabilities,
  odds: Odds1x2,
  history: TeamHistory | null,
  rule: EdgeRule = DEFAULT_EDGE_RULE,
): EdgeVerdict {
  const best = bestEdge(p, odds);
  const aboveCeiling = best.edge > rule.ceiling;
  // Written as "must reach" so that an edge that is no number (NaN) is never a bet.
  if (!aboveCeiling && !(best.edge >= rule.threshold)) return { bet: null, suspect: null };
  const flagged = (reason: SuspectReason): EdgeVerdict => ({
    bet: null,
    suspect: { outcome: best.outcome, edge: best.edge, odd: best.odd, reason },
  });
  // The known cause first: a team the model does not know explains an edge of any size.
  if (hasLittleHistory(history, rule.minMatchesPlayed)) return flagged('little_history');
  if (aboveCeiling) return flagged('above_ceiling');
  if (!hasBelievableMargin(odds)) return flagged('negative_margin');
  return { bet: best, suspect: null };
}

/** The value bet of a match under `rule` (judgeEdge's bet: null when there is none or it is flagged). */
export function valueBet(
  p: Probabilities,
  odds: Odds1x2,
  history: TeamHistory | null,
  rule: EdgeRule = DEFAULT_EDGE_RULE,
): ValueBet | null {
  return judgeEdge(p, odds, history, rule).bet;
}

/** Profit of a flat stake of 1 on `bet` given the actual outcome. */
export function flatStakeProfit(bet: ValueBet, actual: OutcomeClass): number {
  return bet.outcome === actual ? bet.odd - 1 : -1;
}
