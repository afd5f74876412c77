/**
 * Over/under 2.5 goals scored out of sample: the published probability of more than 2.5 goals (the score
 * matrix's `dc_over25` recalibrated walk-forward, src/pipelines/evaluation/calibrated-goal-markets.ts; every
 * number fitted only on results before the match) against the closing and the pre-match over/under market,
 * margin taken off by the configured method, on the same finished matches of the test window; the raw score
 * matrix beside it. Both-teams-to-score has no price in the data: it is scored against the training base rate.
 *
 * @example
 *   const report = evaluateOverUnder(table, rows, prices, { marginMethod: 'shin', groupOf, trainRows, goalMarkets });
 *   report?.model.log_loss;
 */

import type { GoalMarketParams } from '../../config/params.ts';
import type { StoredOverUnder } from '../../db/over-under-repository.ts';
import type { MarginMethod } from '../../domain/margin-removal.ts';
import type { MatchRecord } from '../../domain/match.ts';
import { OVER_UNDER_LINE } from '../../domain/odds.ts';
import type { FeatureTable } from '../../features/feature-table.ts';
import { goalMarketReader } from '../../features/goal-markets.ts';
import { binaryBrierScore, binaryLogLoss } from '../../models/metrics.ts';
import type { BinaryFitter, WalkForwardFit } from '../../models/walk-forward-logistic.ts';
import { calibratedGoalMarkets, GOAL_MARKET_INPUTS } from './calibrated-goal-markets.ts';
import {
  type MarginMemo,
  OVER_UNDER_CLOSING,
  OVER_UNDER_PRE_MATCH,
  overProbabilities,
} from './model-market.ts';

export interface BinaryScores {
  readonly log_loss: number;
  readonly brier: number;
}

export interface OverUnderGroup {
  readonly group: string;
  readonly n: number;
  readonly model: BinaryScores;
  /** The score matrix before recalibration. */
  readonly model_raw: BinaryScores;
  readonly market_closing: BinaryScores;
  readonly market_pre_match: BinaryScores;
}

export interface OverUnderReport {
  readonly line: number;
  /** Scored matches: finished, in the test window, with both a closing and a pre-match over/under price. */
  readonly n: number;
  /** Share of the scored matches with more than 2.5 goals. */
  readonly over_rate: number;
  readonly margin_method: MarginMethod;
  /** Where the model's probability comes from. */
  readonly model_name: string;
  readonly model: BinaryScores;
  /** The score matrix's `dc_over25` before recalibration. */
  readonly model_raw: BinaryScores;
  readonly market_closing: BinaryScores;
  readonly market_pre_match: BinaryScores;
  /**
   * The recalibrations in force after the data's last match (intercept, then one coefficient per input): what the
   * next forecasts use, so fitted past `--test-to` when one is given. Not used in the scores above: each match of
   * the window used the refit made before it.
   */
  readonly calibration: {
    readonly inputs: readonly string[];
    readonly refits: number;
    readonly over25: {
      readonly from: string;
      readonly n: number;
      readonly coefficients: readonly number[];
    } | null;
    readonly btts: {
      readonly from: string;
      readonly n: number;
      readonly coefficients: readonly number[];
    } | null;
  };
  readonly by_league: readonly OverUnderGroup[];
  /** Both teams to score on every finished match of the window (no price in the data: base rate of training). */
  readonly btts: {
    readonly n: number;
    readonly model: BinaryScores;
    readonly model_raw: BinaryScores;
    readonly base_rate: BinaryScores;
  } | null;
}

export interface OverUnderOptions {
  readonly marginMethod: MarginMethod;
  /** The league a match is reported under (as by_league names it). */
  readonly groupOf: (m: MatchRecord) => string;
  /** Training rows (before the cut), for the BTTS base rate. */
  readonly trainRows: ArrayLike<number>;
  readonly goalMarkets: GoalMarketParams;
  /** Margin-free prices computed by earlier evaluations (the pipeline's; model-market.ts). */
  readonly marginMemo?: MarginMemo;
  /** How the goal markets' walk-forward refits are made (the pipeline's memo of earlier runs' fits). */
  readonly goalMarketFit?: BinaryFitter;
}

const scores = (p: Float64Array, y: Uint8Array): BinaryScores => ({
  log_loss: binaryLogLoss(p, y),
  brier: binaryBrierScore(p, y),
});

const goals = (m: MatchRecord) => (m.homeScore as number) + (m.awayScore as number);
const bothScored = (m: MatchRecord) => (m.homeScore as number) > 0 && (m.awayScore as number) > 0;

/** The over/under 2.5 report on `rows` (finished matches of the test window), or null without any price. */
export function evaluateOverUnder(
  table: FeatureTable,
  rows: readonly number[],
  prices: readonly StoredOverUnder[],
  options: OverUnderOptions,
): OverUnderReport | null {
  const raw = goalMarketReader(table);
  // The scored rows, and the last row for the calibration in force now (what the next forecasts use).
  const calibrated = calibratedGoalMarkets(
    table,
    options.goalMarkets,
    [...rows, table.n - 1],
    options.goalMarketFit,
  );
  if (raw === null || calibrated === null) return null;
  const read = calibrated.read;
  // Only the rows' prices are read: the margin comes off those alone.
  const ids = new Set(rows.map((row) => (table.matches[row] as MatchRecord).matchId));
  const closing = overProbabilities(
    prices,
    options.marginMethod,
    OVER_UNDER_CLOSING,
    ids,
    options.marginMemo,
  );
  const preMatch = overProbabilities(
    prices,
    options.marginMethod,
    OVER_UNDER_PRE_MATCH,
    ids,
    options.marginMemo,
  );
  const scored = rows.filter((row) => {
    const id = (table.matches[row] as MatchRecord).matchId;
    return closing.has(id) && preMatch.has(id);
  });
  if (scored.length === 0) return null;

  const forecasts = (subset: readonly number[]) => {
    const model = new Float64Array(subset.length);
    const modelRaw = new Float64Array(subset.length);
    const close = new Float64Array(subset.length);
    const pre = new Float64Array(subset.length);
    const y = new Uint8Array(subset.length);
    subset.forEach((row, i) => {
      const m = table.matches[row] as MatchRecord;
      model[i] = read(row).over25;
      modelRaw[i] = raw(row).over25;
      close[i] = closing.get(m.matchId) as number;
      pre[i] = preMatch.get(m.matchId) as number;
      y[i] = goals(m) > OVER_UNDER_LINE ? 1 : 0;
    });
    return { model, modelRaw, close, pre, y };
  };

  const all = forecasts(scored);
  const leagues = new Map<string, number[]>();
  for (const row of scored) {
    const key = options.groupOf(table.matches[row] as MatchRecord);
    const list = leagues.get(key);
    if (list) list.push(row);
    else leagues.set(key, [row]);
  }
  const byLeague = [...leagues.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, subset]) => {
      const f = forecasts(subset);
      return {
        group,
        n: subset.length,
        model: scores(f.model, f.y),
        model_raw: scores(f.modelRaw, f.y),
        market_closing: scores(f.close, f.y),
        market_pre_match: scores(f.pre, f.y),
      };
    });

  return {
    line: OVER_UNDER_LINE,
    n: scored.length,
    over_rate: all.y.reduce((s, v) => s + v, 0) / all.y.length,
    margin_method: options.marginMethod,
    model_name: 'dixon_coles score matrix (dc_over25) recalibrated walk-forward',
    model: scores(all.model, all.y),
    model_raw: scores(all.modelRaw, all.y),
    market_closing: scores(all.close, all.y),
    market_pre_match: scores(all.pre, all.y),
    calibration: {
      inputs: GOAL_MARKET_INPUTS,
      refits: calibrated.refits,
      over25: fitReport(calibrated.latest.over25),
      btts: fitReport(calibrated.latest.btts),
    },
    by_league: byLeague,
    btts: bttsScores(table, rows, options.trainRows, read, raw),
  };
}

const fitReport = (fit: WalkForwardFit | null) =>
  fit === null
    ? null
    : { from: new Date(fit.fromMs).toISOString(), n: fit.n, coefficients: fit.coefficients };

function bttsScores(
  table: FeatureTable,
  rows: readonly number[],
  trainRows: ArrayLike<number>,
  read: (row: number) => { readonly btts: number },
  raw: (row: number) => { readonly btts: number },
): OverUnderReport['btts'] {
  if (rows.length === 0 || trainRows.length === 0) return null;
  let trainBoth = 0;
  for (let i = 0; i < trainRows.length; i++) {
    if (bothScored(table.matches[trainRows[i] as number] as MatchRecord)) trainBoth++;
  }
  const rate = trainBoth / trainRows.length;
  const model = Float64Array.from(rows, (row) => read(row).btts);
  const y = Uint8Array.from(rows, (row) => (bothScored(table.matches[row] as MatchRecord) ? 1 : 0));
  return {
    n: rows.length,
    model: scores(model, y),
    model_raw: scores(
      Float64Array.from(rows, (row) => raw(row).btts),
      y,
    ),
    base_rate: scores(new Float64Array(rows.length).fill(rate), y),
  };
}
