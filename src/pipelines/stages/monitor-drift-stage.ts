/**
 * monitor_drift: per-feature PSI and KS between the champion's training window (up to where the current window
 * starts; only its matches on the same days of the year as the current window when it holds enough of them) and
 * the current window (finished matches of the last drift.current_days before the latest result, plus
 * upcoming ones), on the features that can drift meaningfully (feature-drift.ts); the champion's log loss
 * on its own pre-kick-off predictions of those finished matches against its validation log loss
 * → reports/drift/latest.json and reports/drift/YYYY-MM-DD.json.
 */

import { ARTIFACT_KEYS } from '../../domain/artifacts.ts';
import { featureColumns } from '../../features/feature-columns.ts';
import type { FeatureTable } from '../../features/feature-table.ts';
import { trainedUntilOf } from '../../registry/model-registry.ts';
import { putJson } from '../../storage/artifact-io.ts';
import type { DriftReport } from '../../storage/artifacts/drift-report.ts';
import {
  driftScore,
  type FeatureSamples,
  featureDrift,
  latestPredictionRows,
  meanLogLoss,
  sameDaysOfYear,
  watchedFeatures,
} from '../reports/feature-drift.ts';
import { matchesFingerprint } from '../run/data-fingerprint.ts';
import { currentFeatureTable } from '../run/feature-source.ts';
import { currentHonestPast } from '../run/honest-past-source.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import { DATA_FINGERPRINT_INPUT } from '../run/runner.ts';
import type { Stage } from '../run/stage.ts';

const DAY_MS = 86_400_000;
/** Enough for stable statistics; more only costs time. */
const MAX_REFERENCE_ROWS = 50_000;
/** Fewer reference rows on the current window's days of the year than this, and the whole reference is kept. */
const MIN_SEASONAL_ROWS = 2_000;

/** The samples of the features compared only: copying every column of 50,000 reference rows cost more than the tests. */
function columnSamples(
  table: FeatureTable,
  names: readonly string[],
  rows: readonly number[],
): FeatureSamples {
  const columns = featureColumns(table, names, rows);
  return Object.fromEntries(names.map((name, k) => [name, columns[k] as Float64Array]));
}

/** Every k-th row so at most `max` remain, keeping the window's time spread. */
function thin(rows: readonly number[], max: number): number[] {
  if (rows.length <= max) return [...rows];
  const step = rows.length / max;
  return Array.from({ length: max }, (_, k) => rows[Math.floor(k * step)] as number);
}

export const monitorDriftStage: Stage<PipelineContext> = {
  name: 'monitor_drift',
  outputs: [ARTIFACT_KEYS.driftLatest],
  params: (ctx) => ({ drift: ctx.params.drift }),
  async inputs(ctx) {
    return {
      [DATA_FINGERPRINT_INPUT]: await matchesFingerprint(ctx.db),
      champion: String(await ctx.registry.aliasVersion(ctx.modelName, 'champion')),
      day: ctx.now.toISOString().slice(0, 10),
    };
  },
  async run(ctx) {
    const champion = await ctx.registry.resolve(ctx.modelName, 'champion');
    if (champion === null) throw new Error(`model ${ctx.modelName} has no champion: run train and register`);
    const table = await currentFeatureTable(ctx);
    const trainedFromMs = Date.parse(String(champion.params.trained_from ?? '1900-01-01T00:00:00Z'));
    const trainedUntilMs = trainedUntilOf(champion).getTime();
    const nowMs = ctx.now.getTime();
    let latestResultMs = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < table.n; i++) {
      const t = table.matches[i]?.startTimeMs ?? 0;
      if ((table.outcome[i] as number) >= 0 && t <= nowMs) latestResultMs = Math.max(latestResultMs, t);
    }
    const currentFromMs = latestResultMs - ctx.params.drift.current_days * DAY_MS;
    const reference: number[] = [];
    const current: number[] = [];
    const recentFinished = new Map<number, number>();
    for (let i = 0; i < table.n; i++) {
      const m = table.matches[i];
      if (m === undefined) continue;
      const finished = (table.outcome[i] as number) >= 0;
      // The reference ends where the current window starts, so no match is in both.
      const referenceUntilMs = Math.min(trainedUntilMs, currentFromMs);
      if (finished && m.startTimeMs >= trainedFromMs && m.startTimeMs <= referenceUntilMs) reference.push(i);
      if (table.isFuture[i] === 1) current.push(i);
      else if (finished && m.startTimeMs > currentFromMs && m.startTimeMs <= latestResultMs) {
        current.push(i);
        recentFinished.set(m.matchId, table.outcome[i] as number);
      }
    }
    const startOf = (i: number) => table.matches[i]?.startTimeMs ?? nowMs;
    const currentTimes = current.map(startOf);
    const seasonal = sameDaysOfYear(reference.map(startOf), currentTimes, MIN_SEASONAL_ROWS);
    const compared = seasonal === null ? reference : seasonal.map((k) => reference[k] as number);
    const referenceRows = thin(compared, MAX_REFERENCE_ROWS);
    const names = watchedFeatures(champion.signature.featureNames).filter((f) =>
      table.featureNames.includes(f),
    );
    const thresholds = { psi: ctx.params.drift.psi_threshold, ks_pvalue: ctx.params.drift.ks_pvalue };
    const features = featureDrift(
      names,
      columnSamples(table, names, referenceRows),
      columnSamples(table, names, current),
      { psiThreshold: thresholds.psi, ksPvalue: thresholds.ks_pvalue, psiBins: ctx.params.drift.psi_bins },
    );
    // The champion's own pre-kick-off predictions of recently finished matches.
    const { byMatch } = await currentHonestPast(ctx);
    const performanceRows = latestPredictionRows(byMatch, recentFinished, champion.version);
    const validation = champion.metrics.log_loss;
    const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : ctx.now.toISOString());
    const report: DriftReport = {
      drift_score: driftScore(features),
      generated_at: ctx.now.toISOString(),
      model_name: champion.name,
      model_version: champion.version,
      reference: {
        from: iso(trainedFromMs),
        to: iso(Math.min(trainedUntilMs, currentFromMs)),
        n: compared.length,
        same_days_of_year: seasonal !== null,
      },
      current: {
        from: iso(Math.min(...currentTimes, nowMs)),
        to: iso(Math.max(...currentTimes, nowMs)),
        n: current.length,
      },
      thresholds,
      features,
      performance: {
        rolling_log_loss: meanLogLoss(performanceRows),
        validation_log_loss: typeof validation === 'number' ? validation : null,
        n: performanceRows.length,
      },
    };
    await putJson(ctx.store, ARTIFACT_KEYS.driftLatest, report);
    await putJson(ctx.store, `${ARTIFACT_KEYS.driftDir}${ctx.now.toISOString().slice(0, 10)}.json`, report);
    const drifted = features.filter((f) => f.drifted).map((f) => f.feature);
    ctx.log(
      `drift score ${report.drift_score.toFixed(2)} (${drifted.length}/${features.length} drifted${drifted.length ? `: ${drifted.slice(0, 5).join(', ')}` : ''}); reference: ${compared.length} matches${seasonal === null ? '' : ' on the same days of earlier years'}`,
    );
    return {
      metrics: {
        drift_score: report.drift_score,
        rolling_log_loss: report.performance.rolling_log_loss,
        validation_log_loss: report.performance.validation_log_loss,
        reference_n: compared.length,
        current_n: current.length,
      },
      artifacts: { drift: ARTIFACT_KEYS.driftLatest },
    };
  },
};
