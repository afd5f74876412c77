/**
 * Which feature rows a model trains on: finished matches from `train_from` up to a cut-off, leaving out rows
 * where a team has too little history for its features to mean much. Pure, over the feature table.
 */
import type { TrainParams } from '../../config/params.ts';
import { hasLittleHistory } from '../../domain/value-bet.ts';
import type { FeatureTable } from '../../features/feature-table.ts';
import { teamHistoryReader } from '../../features/team-history.ts';

export interface TrainingWindow {
  readonly rows: Uint32Array;
  /** Kick-off of the first and last training match, ms since the epoch (NaN when empty). */
  readonly fromMs: number;
  readonly untilMs: number;
}

/**
 * The fewest matches a model is fitted on. Below it, some thirty coefficients would be fitted to a handful of
 * results (or to results missing an outcome altogether) and score noise as a model: the train stage and
 * `evaluate` refuse such a window, and a backtest period waits until it has this many.
 */
export const MIN_TRAINING_MATCHES = 100;

/** Rows with a result, kicking off in [train_from, beforeMs), both teams with ≥ min_matches_played matches. */
export function trainingRows(
  table: FeatureTable,
  params: Pick<TrainParams, 'train_from' | 'min_matches_played'>,
  beforeMs: number,
): TrainingWindow {
  const fromMs = Date.parse(`${params.train_from}T00:00:00Z`);
  const historyOf = teamHistoryReader(table);
  const rows: number[] = [];
  let first = Number.NaN;
  let last = Number.NaN;
  for (let i = 0; i < table.n; i++) {
    const m = table.matches[i];
    if (m === undefined || (table.outcome[i] as number) < 0) continue;
    if (m.startTimeMs < fromMs || m.startTimeMs >= beforeMs) continue;
    if (historyOf !== null && hasLittleHistory(historyOf(i), params.min_matches_played)) continue;
    rows.push(i);
    if (Number.isNaN(first)) first = m.startTimeMs;
    last = m.startTimeMs;
  }
  return { rows: Uint32Array.from(rows), fromMs: first, untilMs: last };
}
