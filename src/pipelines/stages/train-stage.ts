/** train: fits params.train.model on every finished match before now → pipeline/train/model.{onnx,json}. */
import { datasetFromRows } from '../../models/dataset.ts';
import { MODEL_REVISION } from '../../models/model-revision.ts';
import { putJson } from '../../storage/artifact-io.ts';
import { trainerFor } from '../evaluation/model-trainers.ts';
import { TRAINED_MODEL_KEYS, type TrainedModelDescription } from '../evaluation/trained-model-artifact.ts';
import { MIN_TRAINING_MATCHES, trainingRows } from '../evaluation/training-window.ts';
import { finishedMatchesFingerprint } from '../run/data-fingerprint.ts';
import { currentFeatureTable, featureSetVersion } from '../run/feature-source.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import { DATA_FINGERPRINT_INPUT } from '../run/runner.ts';
import type { Stage } from '../run/stage.ts';

export const trainStage: Stage<PipelineContext> = {
  name: 'train',
  outputs: [TRAINED_MODEL_KEYS.onnx, TRAINED_MODEL_KEYS.description],
  params: (ctx) => ({
    train: ctx.params.train,
    feature_set: featureSetVersion(ctx),
    model_revision: MODEL_REVISION,
  }),
  // Only new or corrected results retrain; new fixtures and odds do not.
  inputs: async (ctx) => ({ [DATA_FINGERPRINT_INPUT]: await finishedMatchesFingerprint(ctx.db, ctx.now) }),
  async run(ctx) {
    const table = await currentFeatureTable(ctx);
    const window = trainingRows(table, ctx.params.train, ctx.now.getTime());
    if (window.rows.length < MIN_TRAINING_MATCHES) {
      throw new Error(
        `only ${window.rows.length} finished matches to train on (need at least ${MIN_TRAINING_MATCHES})`,
      );
    }
    const data = datasetFromRows(table, window.rows);
    const trainer = trainerFor(ctx.params.train);
    const model = trainer.train(data, { seed: ctx.params.train.seed });
    await ctx.store.put(TRAINED_MODEL_KEYS.onnx, model.toOnnx());
    const description: TrainedModelDescription = {
      family: model.family,
      feature_names: [...model.featureNames],
      feature_set_version: featureSetVersion(ctx),
      model_revision: MODEL_REVISION,
      params: { ...model.params },
      n_train: data.n,
      trained_from: new Date(window.fromMs).toISOString(),
      trained_until: new Date(window.untilMs).toISOString(),
      seed: ctx.params.train.seed,
    };
    await putJson(ctx.store, TRAINED_MODEL_KEYS.description, description);
    ctx.log(`${model.family} trained on ${data.n} matches up to ${description.trained_until.slice(0, 10)}`);
    return {
      metrics: { n_train: data.n, trained_until: description.trained_until },
      artifacts: { model: TRAINED_MODEL_KEYS.onnx, description: TRAINED_MODEL_KEYS.description },
    };
  },
};
