/**
 * backtest: the walk-forward reconstruction of history (pipelines/backtest.ts) — for each period, the champion
 * recipe retrained on matches before it predicts the period — written to the prediction log as source
 * `backtest`, so past matches without a logged pre-kick-off prediction still show an honest one and the betting
 * simulation has history. Summary → reports/backtest.json.
 */
import { MODEL_REVISION } from '../../models/model-revision.ts';
import { putJson } from '../../storage/artifact-io.ts';
import { runBacktest } from '../evaluation/backtest.ts';
import { finishedMatchesFingerprint } from '../run/data-fingerprint.ts';
import { currentFeatureTable, featureSetVersion } from '../run/feature-source.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import { DATA_FINGERPRINT_INPUT } from '../run/runner.ts';
import type { Stage } from '../run/stage.ts';

export const BACKTEST_KEY = 'reports/backtest.json';

export const backtestStage: Stage<PipelineContext> = {
  name: 'backtest',
  outputs: [BACKTEST_KEY],
  params: (ctx) => ({
    backtest: ctx.params.backtest,
    train: ctx.params.train,
    features: ctx.params.features,
    // Each backtest row carries over 2.5 and BTTS, recalibrated as goal_markets says.
    goal_markets: ctx.params.goal_markets,
    // The features' code as well as their params: a revision recomputes every walk-forward prediction.
    feature_set: featureSetVersion(ctx),
    // …and the models' code: a fix to how a period's model is fitted redoes every walk-forward prediction.
    model_revision: MODEL_REVISION,
    model_name: ctx.modelName,
  }),
  inputs: async (ctx) => ({ [DATA_FINGERPRINT_INPUT]: await finishedMatchesFingerprint(ctx.db, ctx.now) }),
  async run(ctx, runId) {
    let reported = 0;
    const summary = await runBacktest(ctx.db, {
      params: ctx.params,
      period: ctx.params.backtest.period,
      nowMs: ctx.now.getTime(),
      modelName: ctx.modelName,
      runId,
      table: await currentFeatureTable(ctx),
      onProgress: (done, total) => {
        // A line every tenth of the way: enough to see it move on a long history.
        if (done === total || done >= reported + Math.max(1, Math.ceil(total / 10))) {
          reported = done;
          ctx.log(`backtest period ${done}/${total}`);
        }
      },
    });
    await putJson(ctx.store, BACKTEST_KEY, { ...summary, run_id: runId, computed_at: ctx.now.toISOString() });
    ctx.log(
      `${summary.predictions} walk-forward predictions over ${summary.periods} periods (${summary.firstKickoff?.slice(0, 10) ?? '–'} → ${summary.lastKickoff?.slice(0, 10) ?? '–'})`,
    );
    return {
      metrics: { periods: summary.periods, predictions: summary.predictions },
      artifacts: { backtest: BACKTEST_KEY },
    };
  },
};
