/**
 * register: the trained model becomes a new registry version with alias `candidate`. The very first version of
 * the model also becomes `champion`, and so does a version trained after the feature set changed (the old champion
 * cannot be fed the new feature file) or after a fix to the model code (MODEL_REVISION: the old champion is what
 * the fix corrects); otherwise only `matchcast models promote` moves the champion.
 */
import { isDeepStrictEqual } from 'node:util';
import { ARTIFACT_KEYS, type FeatureSetManifest } from '../../domain/artifacts.ts';
import type { ModelSignature } from '../../domain/model-signature.ts';
import { INPUT_NAME, OUTPUT_NAME } from '../../models/onnx/softmax-regression.ts';
import type { ForecastScores } from '../../models/scores.ts';
import { sha256Hex } from '../../registry/checksum.ts';
import type { ModelVersion } from '../../registry/model-registry.ts';
import { getJson, putJson } from '../../storage/artifact-io.ts';
import type { EvaluationReport } from '../evaluation/evaluation.ts';
import {
  EVALUATION_KEY,
  TRAINED_MODEL_KEYS,
  TrainedModelDescription,
} from '../evaluation/trained-model-artifact.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import { artifactEtags, type Stage } from '../run/stage.ts';

/** The model code revision a version was fitted under: recorded since revision 2, so a version without it is 1. */
const revisionOf = (params: Readonly<Record<string, unknown>>): number =>
  typeof params.model_revision === 'number' ? params.model_revision : 1;

/**
 * Why the new version must become champion without waiting for a person, or null when the choice stays manual:
 * there is no champion yet, the champion was trained on another feature set and so can no longer be served from
 * the current feature file, or it was fitted by model code since fixed (an upgrade would otherwise keep serving
 * what the fix corrects until someone thought to promote by hand).
 */
async function automaticPromotionReason(
  ctx: PipelineContext,
  trained: { readonly featureSetVersion: string; readonly modelRevision: number },
): Promise<string | null> {
  const champion = await ctx.registry.resolve(ctx.modelName, 'champion');
  if (champion === null) return 'first registered version';
  if (champion.signature.featureSetVersion !== trained.featureSetVersion) {
    return `champion v${champion.version} was trained on feature set ${champion.signature.featureSetVersion}, which is no longer computed (now ${trained.featureSetVersion})`;
  }
  const revision = revisionOf(champion.params);
  if (revision < trained.modelRevision) {
    return `champion v${champion.version} was fitted by model code revision ${revision}, since fixed (now ${trained.modelRevision})`;
  }
  return null;
}

/**
 * The newest registered version when it is this model (the same ONNX bytes, signature, scores and params, compared
 * as stored), else null.
 */
async function sameAsNewest(
  ctx: PipelineContext,
  model: {
    onnx: Uint8Array;
    signature: ModelSignature;
    metrics: Record<string, unknown>;
    params: Record<string, unknown>;
  },
): Promise<ModelVersion | null> {
  const versions = await ctx.registry.listVersions(ctx.modelName);
  const newest = versions.reduce<ModelVersion | null>(
    (best, v) => (best === null || v.version > best.version ? v : best),
    null,
  );
  if (newest === null || newest.sha256 !== sha256Hex(model.onnx)) return null;
  // As the registry stores them (JSON: undefined fields dropped); key order does not matter.
  const stored = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  const same =
    isDeepStrictEqual(stored(newest.signature), stored(model.signature)) &&
    isDeepStrictEqual(stored(newest.metrics), stored(model.metrics)) &&
    isDeepStrictEqual(stored(newest.params), stored(model.params));
  return same ? newest : null;
}

/** The market's scores a version records as `market_<score>`. */
const MARKET_SCORES = [
  'log_loss',
  'rps',
  'brier',
  'accuracy',
  'roc_auc_ovr',
  'ece',
] as const satisfies readonly (keyof ForecastScores)[];

/**
 * What a version records for the model view: its held-out scores (the evaluation's under `name`), the baselines
 * beside them and its calibration table. Every score of the closing market sits beside the
 * model's, on the same matches: the view marks a best value green only when the market did no better.
 */
export function versionMetrics(report: EvaluationReport | undefined, name: string): Record<string, unknown> {
  const market = report?.overall.market;
  return {
    ...report?.overall[name],
    test_from: report?.test_from ?? null,
    ...Object.fromEntries(MARKET_SCORES.map((score) => [`market_${score}`, market?.[score] ?? null])),
    prior_log_loss: report?.overall.class_prior?.log_loss ?? null,
    reliability: report?.reliability[name] ?? [],
  };
}

/** Records which version the last register run created (its output, so the lock sees it). */
export const REGISTERED_KEY = 'pipeline/register/registered.json';

export const registerStage: Stage<PipelineContext> = {
  name: 'register',
  outputs: [REGISTERED_KEY],
  params: (ctx) => ({ model_name: ctx.modelName }),
  // Every artifact run() reads.
  inputs: (ctx) =>
    artifactEtags(ctx.store, {
      model: TRAINED_MODEL_KEYS.onnx,
      description: TRAINED_MODEL_KEYS.description,
      evaluation: EVALUATION_KEY,
      feature_set: ARTIFACT_KEYS.featureSet,
    }),
  async run(ctx, runId) {
    const [onnx, description, evaluation, featureSet] = await Promise.all([
      ctx.store.get(TRAINED_MODEL_KEYS.onnx),
      getJson(ctx.store, TRAINED_MODEL_KEYS.description, TrainedModelDescription),
      getJson(ctx.store, EVALUATION_KEY),
      getJson(ctx.store, ARTIFACT_KEYS.featureSet),
    ]);
    if (onnx === null || description === null) throw new Error('no trained model: run the train stage first');
    if (featureSet === null) throw new Error('no feature set: run the features stage first');
    const d = description.value;
    const report = evaluation?.value as EvaluationReport | undefined;
    // The params' model name only when the evaluation has no scores under the family (read only then: a param
    // read is a fingerprinted input).
    const scoredAs = report?.overall[d.family] !== undefined ? d.family : ctx.params.train.model;
    const metrics = versionMetrics(report, scoredAs);
    const signature: ModelSignature = {
      inputName: INPUT_NAME,
      outputName: OUTPUT_NAME,
      featureNames: d.feature_names,
      classes: [0, 1, 2],
      featureSetVersion: d.feature_set_version,
    };
    const params = {
      ...d.params,
      family: d.family,
      model_revision: d.model_revision ?? 1,
      n_train: d.n_train,
      trained_from: d.trained_from,
      trained_until: d.trained_until,
      seed: d.seed,
    };
    // A rebuilt input that yields the same model (a repaired artifact, a rerun after Ctrl-C) is no new version:
    // registering it again filled the registry with byte-identical copies.
    const unchanged = await sameAsNewest(ctx, { onnx: onnx.body, signature, metrics, params });
    const version =
      unchanged ??
      (await ctx.registry.register({
        name: ctx.modelName,
        onnx: onnx.body,
        signature,
        featureSet: featureSet.value as FeatureSetManifest,
        metrics,
        params,
        runId,
        alias: 'candidate',
        actor: 'pipeline',
        // The run's "now", as its predictions are logged: in the demo warm-up and a replay a virtual day, which
        // the registry's clock would put weeks after the predictions this version made.
        at: ctx.now,
      }));
    const reason = await automaticPromotionReason(ctx, {
      featureSetVersion: d.feature_set_version,
      modelRevision: d.model_revision ?? 1,
    });
    if (reason !== null) {
      await ctx.registry.promote({
        name: ctx.modelName,
        version: version.version,
        alias: 'champion',
        actor: 'pipeline',
        reason,
        at: ctx.now,
      });
    }
    const champion = await ctx.registry.aliasVersion(ctx.modelName, 'champion');
    await putJson(ctx.store, REGISTERED_KEY, {
      name: ctx.modelName,
      version: version.version,
      run_id: runId,
    });
    ctx.log(
      unchanged
        ? `${ctx.modelName} v${version.version} is this very model (same bytes, signature and scores): nothing registered; champion is v${champion}`
        : `registered ${ctx.modelName} v${version.version} as candidate; champion is v${champion}`,
    );
    return {
      metrics: { version: version.version, champion },
      artifacts: { model: version.artifactUri },
    };
  },
};
