/**
 * evaluate: scores the training recipe out of sample — the same trainer fitted on matches before
 * evaluate.test_from, scored on finished matches from then on — beside the class-prior baseline
 * → reports/evaluation.json. Its log loss is the "validation log loss" drift monitoring compares against.
 */
import { datasetFromRows, featuresOfRows } from '../../models/dataset.ts';
import { type ForecastScores, scoreForecasts } from '../../models/scores.ts';
import { getJson, putJson } from '../../storage/artifact-io.ts';
import { currentFeatureTable } from '../feature-source.ts';
import type { PipelineContext } from '../pipeline-context.ts';
import type { Stage } from '../stage.ts';
import { EVALUATION_KEY, TRAINED_MODEL_KEYS, TrainedModelDescription } from '../trained-model-artifact.ts';
import { trainerFor } from '../trainer-for.ts';
import { trainingRows } from '../training-window.ts';

export interface EvaluationReport {
  readonly test_from: string;
  readonly n_train: number;
  readonly model: ForecastScores;
  readonly class_prior: ForecastScores;
}

/** The split instant: evaluate.test_from, or the last fifth of finished matches when that leaves a side empty. */
function splitMs(kickoffs: readonly number[], testFrom: string): number {
  const configured = Date.parse(`${testFrom}T00:00:00Z`);
  const before = kickoffs.filter((t) => t < configured).length;
  if (before >= 50 && kickoffs.length - before >= 50) return configured;
  return kickoffs[Math.floor(kickoffs.length * 0.8)] ?? configured;
}

export const evaluateStage: Stage<PipelineContext> = {
  name: 'evaluate',
  outputs: [EVALUATION_KEY],
  params: (ctx) => ({ evaluate: ctx.params.evaluate, train: ctx.params.train }),
  async inputs(ctx) {
    const head = await ctx.store.head(TRAINED_MODEL_KEYS.description);
    return { model: head?.etag ?? 'none' };
  },
  async run(ctx) {
    const description = await getJson(ctx.store, TRAINED_MODEL_KEYS.description, TrainedModelDescription);
    if (description === null) throw new Error('no trained model: run the train stage first');
    const table = await currentFeatureTable(ctx);
    const all = trainingRows(table, ctx.params.train, ctx.now.getTime());
    const kickoffs = Array.from(all.rows, (i) => table.matches[i]?.startTimeMs ?? 0);
    const split = splitMs(kickoffs, ctx.params.evaluate.test_from);
    const trainRows = all.rows.filter((i) => (table.matches[i]?.startTimeMs ?? 0) < split);
    const testRows: number[] = [];
    for (let i = 0; i < table.n; i++) {
      const t = table.matches[i]?.startTimeMs ?? 0;
      if ((table.outcome[i] as number) >= 0 && t >= split && t < ctx.now.getTime()) testRows.push(i);
    }
    const train = datasetFromRows(table, trainRows);
    const test = datasetFromRows(table, testRows);
    const model = trainerFor(ctx.params.train).train(train, { seed: ctx.params.train.seed });
    const p = model.predict(featuresOfRows(table, testRows), testRows.length);
    const bins = ctx.params.evaluate.calibration_bins;
    const prior = [0, 0, 0];
    for (const y of train.y) prior[y] = (prior[y] as number) + 1 / train.n;
    const priorP = new Float64Array(test.n * 3);
    for (let i = 0; i < test.n; i++) priorP.set(prior, i * 3);
    const report: EvaluationReport = {
      test_from: new Date(split).toISOString(),
      n_train: train.n,
      model: scoreForecasts(p, test.y, bins),
      class_prior: scoreForecasts(priorP, test.y, bins),
    };
    await putJson(ctx.store, EVALUATION_KEY, report);
    ctx.log(
      `log loss ${report.model.log_loss?.toFixed(4)} vs prior ${report.class_prior.log_loss?.toFixed(4)} on ${test.n} matches`,
    );
    return {
      metrics: {
        log_loss: report.model.log_loss,
        rps: report.model.rps,
        accuracy: report.model.accuracy,
        n_test: test.n,
        prior_log_loss: report.class_prior.log_loss,
      },
      artifacts: { evaluation: EVALUATION_KEY },
    };
  },
};
