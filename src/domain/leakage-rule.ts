/**
 * The leakage rule, the project's most important rule, written once: a probability may be shown for a match
 * only when its model never saw the match — trained_until < kick-off always, and for live or batch predictions
 * also computed before kick-off (a walk-forward backtest is computed later, but by construction on models
 * trained before the match). The API's prediction table, the pipelines and the prediction log's SQL all apply
 * this function (the SQL is tested against it on the same rows).
 */
import type { GoalMarkets } from './goal-markets.ts';
import type { Probabilities } from './outcome.ts';
import type { TeamHistory } from './value-bet.ts';

/** Where a logged prediction came from: the scheduled batch, the walk-forward backtest or a live request. */
export const PREDICTION_SOURCES = ['batch', 'backtest', 'live'] as const;
export type PredictionSource = (typeof PREDICTION_SOURCES)[number];

export interface LoggedPrediction {
  readonly matchId: number;
  readonly modelName: string;
  readonly modelVersion: number | null;
  readonly modelAlias: string | null;
  readonly runId: string | null;
  readonly source: PredictionSource;
  readonly probabilities: Probabilities;
  /** Over 2.5 and both teams to score, logged with the 1X2 (null before they were logged): shown with it. */
  readonly goalMarkets: GoalMarkets | null;
  /** Each team's earlier matches when it was made (null before they were logged): how the value-bet rule reads it. */
  readonly history: TeamHistory | null;
  /** The latest kick-off in the model's training data, ms since the epoch. */
  readonly trainedUntilMs: number;
  readonly computedAtMs: number;
}

/** When a prediction was made and what its model had seen: all the leakage rule looks at. */
export type PredictionTiming = Pick<LoggedPrediction, 'source' | 'trainedUntilMs' | 'computedAtMs'>;

/** True when `p` could not have seen the match kicking off at `kickoffMs`. */
export function isHonestFor(p: PredictionTiming, kickoffMs: number): boolean {
  // Written as "must be before" so that an unknown (NaN) time never passes.
  if (!(p.trainedUntilMs < kickoffMs)) return false;
  return p.source === 'backtest' || p.computedAtMs < kickoffMs;
}

// Lower is preferred: what the champion really said before kick-off beats a reconstruction.
function rank(p: LoggedPrediction): number {
  if (p.source === 'backtest') return 3;
  if (p.modelAlias === 'champion') return 0;
  return p.modelAlias === null ? 1 : 2;
}

/**
 * The prediction a match shows among its logged ones: honest only; a champion's live or batch prediction first,
 * then other published ones, then the walk-forward backtest; the latest computed within a rank. Null if none.
 * Its goal markets are the ones shown with it, so they obey the rule exactly as its 1X2 does.
 */
export function publishedPrediction(
  logged: readonly LoggedPrediction[],
  kickoffMs: number,
): LoggedPrediction | null {
  let best: LoggedPrediction | null = null;
  for (const p of logged) {
    if (!isHonestFor(p, kickoffMs)) continue;
    if (
      best === null ||
      rank(p) < rank(best) ||
      (rank(p) === rank(best) && p.computedAtMs > best.computedAtMs)
    ) {
      best = p;
    }
  }
  return best;
}

/**
 * True when a price could have been taken before kick-off: quoted at or before it. An undated price (null) is a
 * closing price, quoted at kick-off. A bet, a closing-line value or an ROI may only use such prices.
 */
export function isPriceBeforeKickoff(quotedAtMs: number | null, kickoffMs: number): boolean {
  return quotedAtMs === null || quotedAtMs <= kickoffMs;
}
