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
import { ExpectedError } from '../../domain/expected-error.ts';
import type { MatchRecord } from '../../domain/match.ts';
import type { Probabilities } from '../../domain/outcome.ts';
import { buildFeatureTable, type FeatureTable } from '../../features/feature-table.ts';
import { type ReliabilityBin, reliabilityTable } from '../../models/calibration.ts';
import { datasetFromRows, featuresOfRows } from '../../models/dataset.ts';
import { type ForecastScores, scoreForecasts } from '../../models/scores.ts';
import { marketProbabilities } from './model-market.ts';
import { availableTrainers, type TrainerEntry } from './model-trainers.ts';
import { trainingRows } from './training-window.ts';

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
}

export interface GroupScores {
  /** League (competition) or region name. */
  readonly group: string;
  readonly region_id: number;
  readonly n: number;
  readonly scores: Readonly<Record<string, ForecastScores>>;
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
  /** Baselines present: class_prior always, market when odds exist, oracle on demo data. */
  readonly baselines: readonly string[];
  /** Every model and baseline on the same matches. */
  readonly overall: Readonly<Record<string, ForecastScores>>;
  readonly by_league: readonly GroupScores[];
  readonly by_region: readonly GroupScores[];
  readonly reliability: Readonly<Record<string, readonly ReliabilityBin[]>>;
  readonly model_params: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
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

function subset(p: Float64Array, indices: readonly number[]): Float64Array {
  const out = new Float64Array(indices.length * 3);
  indices.forEach((i, j) => {
    out.set(p.subarray(i * 3, i * 3 + 3), j * 3);
  });
  return out;
}

function groupScores(
  keys: readonly string[],
  regionOf: readonly number[],
  forecasts: ReadonlyMap<string, Float64Array>,
  y: Uint8Array,
  bins: number,
): GroupScores[] {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, indices]) => {
      const yi = Uint8Array.from(indices, (i) => y[i] as number);
      const scores: Record<string, ForecastScores> = {};
      for (const [name, p] of forecasts) scores[name] = scoreForecasts(subset(p, indices), yi, bins);
      return { group, region_id: regionOf[indices[0] as number] as number, n: indices.length, scores };
    });
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
  const market = marketProbabilities(odds);
  const testTo = options.testToMs ?? Number.POSITIVE_INFINITY;

  const inWindow: number[] = [];
  for (let row = 0; row < table.n; row++) {
    const t = (table.matches[row] as MatchRecord).startTimeMs;
    if ((table.outcome[row] as number) >= 0 && t >= options.testFromMs && t < testTo) inWindow.push(row);
  }
  const priced = inWindow.filter((row) => market.has((table.matches[row] as MatchRecord).matchId));
  // Same matches for everyone: when the data has prices, only priced matches are scored.
  const testRows = market.size > 0 ? priced : inWindow;
  const oracle = options.oracle;
  const scored =
    oracle && oracle.size > 0
      ? testRows.filter((row) => oracle.has((table.matches[row] as MatchRecord).matchId))
      : testRows;
  if (scored.length === 0) {
    throw new ExpectedError('evaluate: no finished match in the test window (see --test-from and --test-to)');
  }

  const window = trainingRows(table, params.train, options.testFromMs);
  if (window.rows.length === 0) throw new ExpectedError('evaluate: no training match before the test window');
  const train = datasetFromRows(table, window.rows);
  const test = datasetFromRows(table, scored);
  const xTest = featuresOfRows(table, scored);
  log(`training on ${train.n} matches, scoring ${test.n}`);

  const forecasts = new Map<string, Float64Array>();
  const modelParams: Record<string, Readonly<Record<string, unknown>>> = {};
  const trainers = options.trainers ?? availableTrainers(params.train);
  for (const { name, trainer } of trainers) {
    const started = performance.now();
    const model = trainer.train(train, { seed: params.train.seed });
    forecasts.set(name, model.predict(xTest, test.n));
    modelParams[name] = model.params;
    log(`${name}: trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
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
  }
  if (oracle && oracle.size > 0) {
    forecasts.set('oracle', probabilityMatrix(scored, table, oracle));
    baselines.push('oracle');
  }

  const overall: Record<string, ForecastScores> = {};
  const reliability: Record<string, ReliabilityBin[]> = {};
  for (const [name, p] of forecasts) {
    overall[name] = scoreForecasts(p, test.y, bins);
    reliability[name] = reliabilityTable(p, test.y, bins);
  }
  const scoredMatches = scored.map((row) => table.matches[row] as MatchRecord);
  const regionName = (id: number) => options.regionNames?.get(id) ?? `region ${id}`;
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
    by_league: groupScores(
      scoredMatches.map((m) => `${regionName(m.regionId)} / ${m.competition}`),
      regionOf,
      forecasts,
      test.y,
      bins,
    ),
    by_region: groupScores(
      scoredMatches.map((m) => regionName(m.regionId)),
      regionOf,
      forecasts,
      test.y,
      bins,
    ),
    reliability,
    model_params: modelParams,
  };
}
