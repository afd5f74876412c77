/**
 * Out-of-sample evaluation: every model family is trained on matches before a cut and scored on the finished
 * matches after it, beside the class-prior and market baselines (and the simulator's oracle on demo data), on
 * exactly the same matches. Overall, per league and per region, plus a reliability table per forecaster.
 *
 * @example
 *   const report = await evaluateMatches(matches, odds, { params, testFromMs: Date.parse('2024-07-01'), nowMs });
 *   report.overall.logreg.log_loss;
 */

import type { Params } from '../../config/params.ts';
import type { StoredOdds } from '../../db/match-repository.ts';
import type { StoredOverUnder } from '../../db/over-under-repository.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
import { MARGIN_METHODS, type MarginMethod } from '../../domain/margin-removal.ts';
import type { MatchRecord } from '../../domain/match.ts';
import type { Probabilities } from '../../domain/outcome.ts';
import { buildFeatureTable, competitionKey, type FeatureTable } from '../../features/feature-table.ts';
import { type ReliabilityBin, reliabilityTable } from '../../models/calibration.ts';
import { datasetFromRows, featuresOfRows } from '../../models/dataset.ts';
import { calibrateByLeague, fitLeagueCalibration } from '../../models/league-calibration.ts';
import { fitMarketStack } from '../../models/market-stack.ts';
import type { TrainedModel } from '../../models/model.ts';
import type { PairedGap } from '../../models/paired-gap.ts';
import { type ForecastScores, scoreForecasts } from '../../models/scores.ts';
import type { BinaryFitter } from '../../models/walk-forward-logistic.ts';
import { detailMatrix, marketAwareForecast, subset } from './market-aware-forecast.ts';
import {
  MARKET_PREFERENCE,
  type MarginMemo,
  marketProbabilities,
  PRE_MATCH_PREFERENCE,
  preMatchDetail,
} from './model-market.ts';
import { availableTrainers, type TrainerEntry } from './model-trainers.ts';
import { evaluateOverUnder, type OverUnderReport } from './over-under-evaluation.ts';
import { type GroupScores, gapsTo, groupScores } from './scores-by-group.ts';
import { type TrainedModelCache, trainCached } from './trained-model-cache.ts';
import { MIN_TRAINING_MATCHES, trainingRows } from './training-window.ts';

/** The market-aware challenger's report key: the first model family stacked with the pre-match market. */
export const MARKET_AWARE = 'market_aware';
/** Suffix of the first model family's per-league calibrated forecast (`logreg_league_calibrated`). */
export const LEAGUE_CALIBRATED = '_league_calibrated';

export interface EvaluationOptions {
  readonly params: Params;
  /** Matches kicking off at/after this instant are scored; training uses those before it. */
  readonly testFromMs: number;
  /** Exclusive end of the test window (default: no end). */
  readonly testToMs?: number;
  /** "Now" for the feature table's is_future flag. */
  readonly nowMs: number;
  /** Families to evaluate (default: every available trainer). */
  readonly trainers?: readonly TrainerEntry[];
  /** The simulator's true probabilities per match id (demo data only). */
  readonly oracle?: ReadonlyMap<number, Probabilities>;
  readonly regionNames?: ReadonlyMap<number, string>;
  /** Progress lines ("trained logreg on 201,303 matches"). */
  readonly log?: (line: string) => void;
  /** The feature table of exactly these matches at nowMs, when the caller already has it (the pipeline). */
  readonly table?: FeatureTable;
  /** Over/under 2.5 prices of these matches (the `over_under_2_5` section; none: that section is null). */
  readonly overUnder?: readonly StoredOverUnder[];
  /** Models trained by earlier evaluations, reused when the training data is the same (the pipeline's). */
  readonly trainedModels?: TrainedModelCache;
  /** Margin-free prices computed by earlier evaluations, reused (the pipeline's; model-market.ts). */
  readonly marginMemo?: MarginMemo;
  /** The goal markets' walk-forward refits, reused from earlier evaluations (the pipeline's; binary-fit-memo.ts). */
  readonly goalMarketFit?: BinaryFitter;
}

export interface EvaluationReport {
  readonly test_from: string;
  readonly test_to: string | null;
  readonly n_train: number;
  /** Scored matches: finished, in the window and (when the data has odds) priced by the market. */
  readonly n_test: number;
  /** Finished matches in the window left out because no market price exists for them. */
  readonly n_without_market: number;
  /** Model families, in report order. */
  readonly models: readonly string[];
  /**
   * Baselines present: class_prior always; when odds exist `market` (closing, margin taken off by
   * `margin_method`), `market_pre_match` and `market_closing_<method>` for every margin-removal method; oracle on
   * demo data.
   */
  readonly baselines: readonly string[];
  /** Every model and baseline on the same matches. */
  readonly overall: Readonly<Record<string, ForecastScores>>;
  readonly by_league: readonly GroupScores[];
  readonly by_region: readonly GroupScores[];
  readonly reliability: Readonly<Record<string, readonly ReliabilityBin[]>>;
  /**
   * Each model's log loss and RPS minus the closing market's (`market`) on the same matches, with a 95 % interval
   * of each mean paired difference: whether a gap is more than noise (empty without market prices).
   */
  readonly gap_to_market: Readonly<Record<string, PairedGap>>;
  /**
   * The same against the pre-match market (`market_pre_match`), on the matches with a pre-match price only
   * (`pre_match_only`): where the market-aware challenger is judged against the price it reads.
   */
  readonly gap_to_pre_match_market: Readonly<Record<string, PairedGap>>;
  /** Expected calibration error per model and baseline (the `ece` of `overall`, side by side). */
  readonly calibration_error: Readonly<Record<string, number | null>>;
  /** How the `market` and `market_pre_match` baselines take the margin off. */
  readonly margin_method: MarginMethod;
  /** Scored matches with a pre-match price (the rest fall back to the closing price, see `market_pre_match`). */
  readonly n_pre_match: number;
  /**
   * Every forecaster on the scored matches that have a pre-match price only: where the market-aware challenger
   * really reads a pre-match price and `market_pre_match` is that price (null without pre-match prices).
   */
  readonly pre_match_only: Readonly<Record<string, ForecastScores>> | null;
  readonly model_params: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Over/under 2.5 goals: the Dixon–Coles score matrix against the closing and pre-match over/under market on
   * the finished matches of the window priced by both, overall and by league (null without such prices).
   */
  readonly over_under_2_5: OverUnderReport | null;
}

function probabilityMatrix(
  rows: readonly number[],
  table: FeatureTable,
  source: ReadonlyMap<number, Probabilities>,
) {
  const p = new Float64Array(rows.length * 3);
  rows.forEach((row, i) => {
    const q = source.get((table.matches[row] as MatchRecord).matchId) as Probabilities;
    p.set(q, i * 3);
  });
  return p;
}

/** Evaluates on matches and odds already in memory (the database or a folder of files loaded them). */
export async function evaluateMatches(
  matches: readonly MatchRecord[],
  odds: readonly StoredOdds[],
  options: EvaluationOptions,
): Promise<EvaluationReport> {
  const { params } = options;
  const log = options.log ?? (() => {});
  const bins = params.evaluate.calibration_bins;
  const table = options.table ?? buildFeatureTable(matches, params.features, { nowMs: options.nowMs });
  const marginMethod = params.evaluate.margin_method;
  const testTo = options.testToMs ?? Number.POSITIVE_INFINITY;
  const stackFromMs = Date.parse(`${params.evaluate.stack_from}T00:00:00Z`);

  const inWindow: number[] = [];
  // Matches whose prices are read: the test window's, and the stack's training matches.
  const windowIds = new Set<number>();
  const pricedIds = new Set<number>();
  for (let row = 0; row < table.n; row++) {
    const m = table.matches[row] as MatchRecord;
    const t = m.startTimeMs;
    if ((table.outcome[row] as number) < 0 || t >= testTo) continue;
    if (t >= stackFromMs) pricedIds.add(m.matchId);
    if (t < options.testFromMs) continue;
    inWindow.push(row);
    windowIds.add(m.matchId);
    pricedIds.add(m.matchId);
  }
  const memo = options.marginMemo;
  const market = marketProbabilities(odds, marginMethod, MARKET_PREFERENCE, windowIds, memo);
  const preMatch = marketProbabilities(odds, marginMethod, PRE_MATCH_PREFERENCE, pricedIds, memo);
  const priced = inWindow.filter((row) => market.has((table.matches[row] as MatchRecord).matchId));
  // Same matches for everyone: when the data has prices, only priced matches are scored.
  const testRows = odds.length > 0 ? priced : inWindow;
  const oracle = options.oracle;
  const scored =
    oracle && oracle.size > 0
      ? testRows.filter((row) => oracle.has((table.matches[row] as MatchRecord).matchId))
      : testRows;
  if (scored.length === 0) {
    throw new ExpectedError('evaluate: no finished match in the test window (see --test-from and --test-to)');
  }

  const window = trainingRows(table, params.train, options.testFromMs);
  if (window.rows.length < MIN_TRAINING_MATCHES)
    throw new ExpectedError(
      `evaluate: ${window.rows.length === 0 ? 'no' : `only ${window.rows.length}`} finished matches to train on before the test window (need at least ${MIN_TRAINING_MATCHES}); start it later with --test-from`,
    );
  const train = datasetFromRows(table, window.rows);
  const test = datasetFromRows(table, scored);
  const xTest = featuresOfRows(table, scored);
  log(`training on ${train.n} matches, scoring ${test.n}`);

  const forecasts = new Map<string, Float64Array>();
  const modelParams: Record<string, Readonly<Record<string, unknown>>> = {};
  const trainers = options.trainers ?? availableTrainers(params.train);
  let fundamentals: TrainedModel | undefined;
  for (const { name, trainer } of trainers) {
    const started = performance.now();
    const model = trainCached(
      options.trainedModels,
      { name, trainer },
      train,
      { seed: params.train.seed },
      params.train,
    );
    fundamentals ??= model;
    forecasts.set(name, model.predict(xTest, test.n));
    modelParams[name] = model.params;
    log(`${name}: trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const scoredIds = scored.map((row) => (table.matches[row] as MatchRecord).matchId);
  const scoredIdSet = new Set(scoredIds);
  const first = trainers[0]?.name;
  // Only when some training match is recent enough to learn a calibration or a stack from.
  if (fundamentals && first && window.untilMs >= stackFromMs) {
    const calibration = params.evaluate.league_calibration;
    const leagueOf = (row: number) => competitionKey(table.matches[row] as MatchRecord);
    const testLeagues = scored.map(leagueOf);
    // Per-league calibration and the stack learn from the recent training matches, never from scored ones.
    const recent = Array.from(window.rows).filter(
      (row) => (table.matches[row] as MatchRecord).startTimeMs >= stackFromMs,
    );
    const recentLeagues = recent.map(leagueOf);
    const yRecent = datasetFromRows(table, recent).y;
    const pRecent = fundamentals.predict(featuresOfRows(table, recent), recent.length);
    const calibrators = fitLeagueCalibration(pRecent, yRecent, recentLeagues, calibration);
    const calibratedTest = calibrateByLeague(calibrators, forecasts.get(first) as Float64Array, testLeagues);
    forecasts.set(`${first}${LEAGUE_CALIBRATED}`, calibratedTest);
    modelParams[`${first}${LEAGUE_CALIBRATED}`] = {
      calibrated: first,
      n_train: recent.length,
      leagues: Object.fromEntries(calibrators),
    };
    // The stack reads the fundamentals model as served (not its per-league calibration, which measured worse).
    const priced = recent.flatMap((row, i) =>
      preMatch.has((table.matches[row] as MatchRecord).matchId) ? [i] : [],
    );
    if (priced.length > 0) {
      const started = performance.now();
      const pricedRows = priced.map((i) => recent[i] as number);
      const pricedIds = pricedRows.map((row) => (table.matches[row] as MatchRecord).matchId);
      const detail = preMatchDetail(
        odds,
        marginMethod,
        new Set([...pricedIds, ...scoredIds.filter((id) => preMatch.has(id))]),
        memo,
      );
      const modelRecent = subset(pRecent, priced);
      const marketRecent = probabilityMatrix(pricedRows, table, preMatch);
      const yPriced = Uint8Array.from(priced, (i) => yRecent[i] as number);
      const stack = fitMarketStack(modelRecent, marketRecent, yPriced);
      const modelTest = forecasts.get(first) as Float64Array;
      forecasts.set(MARKET_AWARE, marketAwareForecast(stack, modelTest, scoredIds, preMatch));
      // The variant that also reads Pinnacle's pre-match price and the books' spread, reported for comparison
      // only: it measured no better on the design seasons (docs/model-quality.md), so the stack stays simple.
      const detailed = fitMarketStack(
        modelRecent,
        marketRecent,
        yPriced,
        detailMatrix(pricedIds, preMatch, detail),
      );
      const detailedForecast = marketAwareForecast(detailed, modelTest, scoredIds, preMatch, detail);
      const withPrice = scoredIds.flatMap((id, i) => (preMatch.has(id) ? [i] : []));
      modelParams[MARKET_AWARE] = {
        stacked_on: first,
        n_train: priced.length,
        ...stack.coefficients,
        with_pre_match_detail: {
          reads: 'pre-match average, Pinnacle pre-match, best-vs-average spread',
          pre_match_only_log_loss:
            withPrice.length > 0
              ? scoreForecasts(
                  subset(detailedForecast, withPrice),
                  Uint8Array.from(withPrice, (i) => test.y[i] as number),
                  bins,
                ).log_loss
              : null,
        },
      };
      log(
        `${MARKET_AWARE}: stacked on ${priced.length} matches in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  }
  const models = [...forecasts.keys()];

  const prior = [0, 0, 0];
  for (const label of train.y) prior[label] = (prior[label] as number) + 1 / train.n;
  const priorP = new Float64Array(test.n * 3);
  for (let i = 0; i < test.n; i++) priorP.set(prior, i * 3);
  forecasts.set('class_prior', priorP);
  const baselines = ['class_prior'];
  if (market.size > 0) {
    forecasts.set('market', probabilityMatrix(scored, table, market));
    baselines.push('market');
    if (preMatch.size > 0) {
      // Where no pre-match price exists (the new-leagues files carry closing prices only) the closing one stands in.
      const preOrClosing = new Map(market);
      for (const [id, p] of preMatch) preOrClosing.set(id, p);
      forecasts.set('market_pre_match', probabilityMatrix(scored, table, preOrClosing));
      baselines.push('market_pre_match');
    }
    for (const method of MARGIN_METHODS) {
      forecasts.set(
        `market_closing_${method}`,
        probabilityMatrix(
          scored,
          table,
          marketProbabilities(odds, method, MARKET_PREFERENCE, scoredIdSet, memo),
        ),
      );
      baselines.push(`market_closing_${method}`);
    }
  }
  if (oracle && oracle.size > 0) {
    forecasts.set('oracle', probabilityMatrix(scored, table, oracle));
    baselines.push('oracle');
  }

  const withPreMatch = scoredIds.flatMap((id, i) => (preMatch.has(id) ? [i] : []));
  const overall: Record<string, ForecastScores> = {};
  const reliability: Record<string, ReliabilityBin[]> = {};
  for (const [name, p] of forecasts) {
    overall[name] = scoreForecasts(p, test.y, bins);
    reliability[name] = reliabilityTable(p, test.y, bins);
  }
  const scoredMatches = scored.map((row) => table.matches[row] as MatchRecord);
  const regionName = (id: number) => options.regionNames?.get(id) ?? `region ${id}`;
  const leagueOf = (m: MatchRecord) => `${regionName(m.regionId)} / ${m.competition}`;
  const regionOf = scoredMatches.map((m) => m.regionId);
  return {
    test_from: new Date(options.testFromMs).toISOString(),
    test_to: Number.isFinite(testTo) ? new Date(testTo).toISOString() : null,
    n_train: train.n,
    n_test: test.n,
    n_without_market: market.size > 0 ? inWindow.length - priced.length : 0,
    models,
    baselines,
    overall,
    by_league: groupScores(scoredMatches.map(leagueOf), regionOf, forecasts, models, test.y, bins),
    by_region: groupScores(
      scoredMatches.map((m) => regionName(m.regionId)),
      regionOf,
      forecasts,
      models,
      test.y,
      bins,
    ),
    gap_to_market: gapsTo('market', models, forecasts, test.y),
    gap_to_pre_match_market:
      withPreMatch.length > 0 ? gapsTo('market_pre_match', models, forecasts, test.y, withPreMatch) : {},
    reliability,
    calibration_error: Object.fromEntries(Object.entries(overall).map(([name, sc]) => [name, sc.ece])),
    margin_method: marginMethod,
    n_pre_match: withPreMatch.length,
    pre_match_only:
      withPreMatch.length > 0
        ? Object.fromEntries(
            [...forecasts].map(([name, p]) => [
              name,
              scoreForecasts(
                subset(p, withPreMatch),
                Uint8Array.from(withPreMatch, (i) => test.y[i] as number),
                bins,
              ),
            ]),
          )
        : null,
    model_params: modelParams,
    over_under_2_5: evaluateOverUnder(table, inWindow, options.overUnder ?? [], {
      marginMethod,
      groupOf: leagueOf,
      trainRows: window.rows,
      goalMarkets: params.goal_markets,
      marginMemo: memo,
      goalMarketFit: options.goalMarketFit,
    }),
  };
}
