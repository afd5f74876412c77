/**
 * Walk-forward backtest: out-of-sample probabilities for history. The timeline is cut into periods (a week, a
 * month or a season's year); for each, the champion recipe is retrained on every finished match that kicked
 * off before the period starts and predicts the period's finished matches. So no probability comes from a model
 * that saw the match: trained_until (the last training kick-off) < period start ≤ every predicted kick-off.
 * A match without a result is left out: nothing can score it, and a fixture whose kick-off passed without a
 * result would otherwise be published as if forecast, long after the fact (the stage's inputs are the finished
 * matches only, so such a row would not even be redone when the fixture changes).
 * Features are computed once (they only ever look backwards); each retrain starts from the previous
 * period's weights, standardisation and curvature (backtest.warm_start), so it needs a pass or two over the
 * data rather than a fresh fit.
 *
 * @example
 *   const result = walkForward(table, { params, period: 'month', nowMs: clock.nowMs() });
 *   await runBacktest(db, { params, period: 'month', nowMs: clock.nowMs(), modelName: 'soccer-match-outcome' });
 */
import type { Params } from '../../config/params.ts';
import type { Db } from '../../db/db.ts';
import { loadMatchRecords } from '../../db/match-repository.ts';
import { appendPredictions, type NewPrediction } from '../../db/prediction-log-repository.ts';
import type { MatchRecord } from '../../domain/match.ts';
import { countBefore } from '../../domain/sorted-times.ts';
import type { TeamHistory } from '../../domain/value-bet.ts';
import { buildFeatureTable, type FeatureTable } from '../../features/feature-table.ts';
import type { GoalMarkets } from '../../features/goal-markets.ts';
import { teamHistoryReader } from '../../features/team-history.ts';
import { datasetFromRows, featuresOfRows } from '../../models/dataset.ts';
import {
  createLogisticRegressionTrainer,
  type LogisticRegressionModel,
} from '../../models/logistic-regression.ts';
import type { Dataset } from '../../models/model.ts';
import { calibratedGoalMarkets } from './calibrated-goal-markets.ts';
import { MIN_TRAINING_MATCHES, trainingRows } from './training-window.ts';

export type BacktestPeriod = Params['backtest']['period'];

export interface WalkForwardOptions {
  readonly params: Params;
  readonly period: BacktestPeriod;
  /** Matches kicking off at/after this instant are not predicted (they are the future). */
  readonly nowMs: number;
  /** First period start (default params.backtest.start). */
  readonly startMs?: number;
  /** Progress after each period: periods done, periods in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface BacktestPrediction {
  readonly matchId: number;
  readonly startTimeMs: number;
  readonly probabilities: readonly [number, number, number];
  /** Over 2.5 and both teams to score off the feature row (walk-forward like the features); null without them. */
  readonly goalMarkets: GoalMarkets | null;
  /** Each team's earlier matches on the feature row (null when the table does not hold them). */
  readonly history: TeamHistory | null;
  /** The latest kick-off in the training data of the model that made this prediction. */
  readonly trainedUntilMs: number;
}

export interface WalkForwardResult {
  readonly predictions: readonly BacktestPrediction[];
  readonly periods: number;
  /** Periods skipped because nothing earlier was available to train on. */
  readonly periodsWithoutTraining: number;
}

/** The start of the period after the one containing `ms` (UTC). Seasons turn on 1 July. */
export function nextPeriodStart(ms: number, period: BacktestPeriod): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (period === 'month') return Date.UTC(y, m + 1, 1);
  if (period === 'season') return m >= 6 ? Date.UTC(y + 1, 6, 1) : Date.UTC(y, 6, 1);
  // Weeks start on Monday 00:00 UTC.
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(y, m, d.getUTCDate() - day + 7);
}

/** Out-of-sample probabilities for every finished match from `startMs` until `nowMs`, period by period. Pure. */
export function walkForward(table: FeatureTable, options: WalkForwardOptions): WalkForwardResult {
  const { params } = options;
  const startMs = options.startMs ?? Date.parse(`${params.backtest.start}T00:00:00Z`);
  const trainer = createLogisticRegressionTrainer({
    l2: params.train.l2,
    maxIterations: params.train.max_iterations,
    tolerance: params.train.tolerance,
  });
  // Row ranges per calendar period (rows are in kick-off order); periods without matches are skipped.
  const bounds: { from: number; to: number; startMs: number }[] = [];
  let row = 0;
  while (row < table.n && (table.matches[row] as MatchRecord).startTimeMs < startMs) row++;
  let periodStart = startMs;
  while (row < table.n) {
    const first = (table.matches[row] as MatchRecord).startTimeMs;
    if (first >= options.nowMs) break;
    let next = nextPeriodStart(periodStart, options.period);
    while (first >= next) {
      periodStart = next;
      next = nextPeriodStart(periodStart, options.period);
    }
    const end = Math.min(next, options.nowMs);
    const from = row;
    while (row < table.n && (table.matches[row] as MatchRecord).startTimeMs < end) row++;
    bounds.push({ from, to: row, startMs: periodStart });
  }

  // Every row the model may ever train on, in kick-off order, copied once: a period's training set is then a
  // prefix of it (rows kicking off before the period), viewed without copying.
  const eligible = trainingRows(table, params.train, Number.POSITIVE_INFINITY);
  const all = datasetFromRows(table, eligible.rows);
  const kickoffs = Float64Array.from(eligible.rows, (r) => (table.matches[r] as MatchRecord).startTimeMs);

  const finishedRows = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => from + i).filter((r) => (table.outcome[r] as number) >= 0);
  // The same over 2.5 and BTTS batch inference publishes (recalibrated walk-forward, past results only).
  const backtested = bounds.flatMap(({ from, to }) => finishedRows(from, to));
  const readGoals = calibratedGoalMarkets(table, params.goal_markets, backtested)?.read ?? null;
  const historyOf = teamHistoryReader(table);
  const predictions: BacktestPrediction[] = [];
  let previous: LogisticRegressionModel | null = null;
  let skipped = 0;
  bounds.forEach(({ from, to, startMs: periodStartMs }, index) => {
    const count = countBefore(kickoffs, periodStartMs);
    if (count < MIN_TRAINING_MATCHES) {
      skipped++;
    } else {
      const window: Dataset = {
        featureNames: all.featureNames,
        n: count,
        d: all.d,
        x: all.x.subarray(0, count * all.d),
        y: all.y.subarray(0, count),
      };
      const model = trainer.trainFrom(
        window,
        { seed: params.train.seed },
        params.backtest.warm_start ? previous : null,
        params.backtest.warm_start,
      );
      previous = model;
      const trainedUntilMs = kickoffs[count - 1] as number;
      const rows = finishedRows(from, to);
      const p = model.predict(featuresOfRows(table, rows), rows.length);
      rows.forEach((r, i) => {
        const m = table.matches[r] as MatchRecord;
        predictions.push({
          matchId: m.matchId,
          startTimeMs: m.startTimeMs,
          probabilities: [p[i * 3] as number, p[i * 3 + 1] as number, p[i * 3 + 2] as number],
          goalMarkets: readGoals?.(r) ?? null,
          history: historyOf?.(r) ?? null,
          trainedUntilMs,
        });
      });
    }
    options.onProgress?.(index + 1, bounds.length);
  });
  return { predictions, periods: bounds.length, periodsWithoutTraining: skipped };
}

export interface BacktestOptions extends WalkForwardOptions {
  readonly modelName: string;
  readonly runId?: string | null;
  /** The feature table of the database's matches at nowMs, when the caller already has it (the pipeline). */
  readonly table?: FeatureTable;
}

export interface BacktestSummary {
  readonly periods: number;
  readonly predictions: number;
  readonly firstKickoff: string | null;
  readonly lastKickoff: string | null;
}

// A rerun replaces the previous reconstruction of this model's history (backtest rows are derived data,
// recomputable at will); published batch and live rows are never touched.
const DELETE_PREVIOUS_BACKTEST = `DELETE FROM prediction_log WHERE source = 'backtest' AND model_name = $1`;

/**
 * Runs the walk-forward backtest on the database's matches and writes it to prediction_log in place of the
 * previous one; with no prediction to write, the previous one stays.
 */
export async function runBacktest(db: Db, options: BacktestOptions): Promise<BacktestSummary> {
  const table =
    options.table ??
    buildFeatureTable(await loadMatchRecords(db), options.params.features, { nowMs: options.nowMs });
  const result = walkForward(table, options);
  const computedAt = new Date(options.nowMs);
  const rows: NewPrediction[] = result.predictions.map((p) => ({
    matchId: p.matchId,
    modelName: options.modelName,
    modelVersion: null,
    modelAlias: null,
    runId: options.runId ?? null,
    source: 'backtest',
    probabilities: p.probabilities,
    goalMarkets: p.goalMarkets,
    history: p.history,
    trainedUntil: new Date(p.trainedUntilMs),
    computedAt,
  }));
  // Nothing to replace it with (a window past the data, an empty database): the previous reconstruction, which
  // the dashboard's past-match probabilities come from, is kept instead of wiped.
  if (rows.length > 0)
    await db.transaction(async (tx) => {
      await tx.query(DELETE_PREVIOUS_BACKTEST, [options.modelName]);
      // Backtest rows are never chained; the time is passed for the appender's one signature.
      await appendPredictions(tx, rows, computedAt);
    });
  const first = result.predictions[0];
  const last = result.predictions.at(-1);
  return {
    periods: result.periods,
    predictions: rows.length,
    firstKickoff: first ? new Date(first.startTimeMs).toISOString() : null,
    lastKickoff: last ? new Date(last.startTimeMs).toISOString() : null,
  };
}
