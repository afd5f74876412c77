/**
 * Per-feature drift between two windows of feature rows, the share of drifted features (drift_score), and the
 * model's recent log loss on its own pre-kick-off predictions.
 */

import type { LoggedPrediction } from '../../domain/leakage-rule.ts';
import type { FeatureDrift } from '../../storage/artifacts/drift-report.ts';
import { psiAndKs } from './drift-statistics.ts';

export interface DriftThresholds {
  /** A feature drifts when PSI ≥ this (0.2 is the usual "significant shift"). */
  readonly psiThreshold: number;
  /** … or when the KS p-value is below this. */
  readonly ksPvalue: number;
  readonly psiBins: number;
}

/**
 * Features left out of drift monitoring because they move by construction, not because the world changed: counts
 * that grow with every match played (`league_history_weight` is one: n / (n + k)), features tied to the point of
 * the season (a 30-day window at the end of a season always differs from a whole-season reference), and the
 * league-level rates: one slowly moving value per league, so a few weeks hold one point per league while years of
 * reference spread each league's path over many bins, and their PSI counts leagues rather than measuring change
 * (in the demo 2.7–8.3, against at most 0.2 for any match-level feature). `sex` is a category, not a distribution.
 */
const MOVES_BY_CONSTRUCTION = [
  /_matches_played$/,
  /_competition_matches$/,
  /^shots_history$/,
  /^league_/,
  /^season_progress$/,
  /_(stakes|reach_top|drop_risk)$/,
  /^sex$/,
];

/** The features worth watching for drift, in the given order. */
export function watchedFeatures(names: readonly string[]): string[] {
  return names.filter((name) => !MOVES_BY_CONSTRUCTION.some((pattern) => pattern.test(name)));
}

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2425;

/** Days since 1 January of the kick-off's UTC year, fractional. */
function dayOfYear(ms: number): number {
  const start = Date.UTC(new Date(ms).getUTCFullYear(), 0, 1);
  return (ms - start) / DAY_MS;
}

/**
 * The reference rows that kick off on the days of the year the current window spans, in any earlier year: a
 * window at a season's start is compared with earlier seasons' starts, not with whole seasons. Rest days (capped
 * in the first round), table positions and points (zero before the first result) and rolling means that reach
 * back over the summer all move with the point of the season, so against a whole-season reference every season's
 * first weeks read as drift (on the shared data, 17 of 43 features at the start of 2026-27). Every league follows
 * the calendar its own way, and each is compared with its own earlier years at the same dates. Null when the
 * current window spans a year or more, or when fewer than `minRows` reference rows fall on those days (a short
 * history): the caller then keeps the whole reference.
 */
export function sameDaysOfYear(
  referenceTimesMs: readonly number[],
  currentTimesMs: readonly number[],
  minRows: number,
): number[] | null {
  if (currentTimesMs.length === 0) return null;
  const fromMs = Math.min(...currentTimesMs);
  const spanDays = (Math.max(...currentTimesMs) - fromMs) / DAY_MS;
  if (spanDays >= YEAR_DAYS - 1) return null;
  const from = dayOfYear(fromMs);
  const kept: number[] = [];
  referenceTimesMs.forEach((t, k) => {
    const offset = (((dayOfYear(t) - from) % YEAR_DAYS) + YEAR_DAYS) % YEAR_DAYS;
    if (offset <= spanDays + 1) kept.push(k);
  });
  return kept.length >= minRows ? kept : null;
}

/** Column-major samples: feature name → values. Both windows carry the same features. */
export type FeatureSamples = Readonly<Record<string, ArrayLike<number>>>;

/** Current rows a PSI bin needs, on average, before the PSI counts toward a drift verdict. */
export const PSI_ROWS_PER_BIN = 10;

export function featureDrift(
  featureNames: readonly string[],
  reference: FeatureSamples,
  current: FeatureSamples,
  thresholds: DriftThresholds,
): FeatureDrift[] {
  return featureNames.map((feature) => {
    const ref = reference[feature] ?? [];
    const cur = current[feature] ?? [];
    const { psi, ks } = psiAndKs(ref, cur, thresholds.psiBins);
    // PSI compares bin shares, and a few rows make every share extreme: 5 current matches gave a PSI over the
    // threshold on every feature. Below PSI_ROWS_PER_BIN rows a bin only the KS test, whose p-value allows for
    // the sample's size, decides.
    const psiJudged = cur.length >= PSI_ROWS_PER_BIN * thresholds.psiBins;
    return {
      feature,
      psi,
      ks_statistic: ks.statistic,
      ks_pvalue: ks.pValue,
      drifted: (psiJudged && psi >= thresholds.psiThreshold) || ks.pValue < thresholds.ksPvalue,
    };
  });
}

/** Share of drifted features, 0 when there are none. */
export function driftScore(features: readonly FeatureDrift[]): number {
  return features.length === 0 ? 0 : features.filter((f) => f.drifted).length / features.length;
}

/** Mean log loss of probabilities against outcomes; null without rows. Probabilities are clipped at 1e-15. */
export function meanLogLoss(
  rows: readonly { readonly p: readonly number[]; readonly outcome: number }[],
): number | null {
  if (rows.length === 0) return null;
  let total = 0;
  for (const r of rows) total -= Math.log(Math.max(1e-15, r.p[r.outcome] ?? 0));
  return total / rows.length;
}

/** Negative when `a` was made after `b` (or there is no `b`); ties by run, so the choice never depends on read order. */
function latestFirst(a: LoggedPrediction, b: LoggedPrediction | undefined): number {
  if (b === undefined) return -1;
  return b.computedAtMs - a.computedAtMs || (b.runId ?? '').localeCompare(a.runId ?? '');
}

/**
 * The rows drift scores a model version on: for each finished match (id → outcome, in that order), the version's
 * latest honest prediction among the match's candidates, backtests left out; matches it never predicted are skipped.
 */
export function latestPredictionRows(
  candidates: ReadonlyMap<number, readonly LoggedPrediction[]>,
  outcomes: ReadonlyMap<number, number>,
  version: number,
): { p: readonly number[]; outcome: number }[] {
  const rows: { p: readonly number[]; outcome: number }[] = [];
  for (const [matchId, outcome] of outcomes) {
    let latest: LoggedPrediction | undefined;
    for (const p of candidates.get(matchId) ?? [])
      if (p.source !== 'backtest' && p.modelVersion === version && latestFirst(p, latest) < 0) latest = p;
    if (latest !== undefined) rows.push({ p: latest.probabilities, outcome });
  }
  return rows;
}
