/**
 * evaluate: scores the training recipe out of sample with the shared evaluation (pipelines/evaluation.ts) — the
 * configured family trained on matches before evaluate.test_from, scored on finished matches from then on,
 * beside the class-prior and market baselines → reports/evaluation.json. Its log loss is the "validation log
 * loss" that drift monitoring compares the champion's live log loss with.
 */

import { loadRegions } from '../../db/match-details-repository.ts';
import { putJson } from '../../storage/artifact-io.ts';
import { type BinaryFitMemo, createBinaryFitMemo } from '../evaluation/binary-fit-memo.ts';
import { evaluateMatches } from '../evaluation/evaluation.ts';
import { loadMarketOdds, loadMarketOverUnder, type MarginMemo } from '../evaluation/model-market.ts';
import { trainerFor } from '../evaluation/model-trainers.ts';
import { EVALUATION_KEY, TRAINED_MODEL_KEYS } from '../evaluation/trained-model-artifact.ts';
import { createTrainedModelCache, type TrainedModelCache } from '../evaluation/trained-model-cache.ts';
import { currentFeatureTable } from '../run/feature-source.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import { artifactEtags, type Stage } from '../run/stage.ts';

const MIN_SIDE = 50;

/** evaluate.test_from, or the kick-off after 80 % of the finished matches when that leaves a side too small. */
export function splitMs(finishedKickoffs: readonly number[], testFrom: string): number {
  const configured = Date.parse(`${testFrom}T00:00:00Z`);
  const before = finishedKickoffs.filter((t) => t < configured).length;
  if (before >= MIN_SIDE && finishedKickoffs.length - before >= MIN_SIDE) return configured;
  const sorted = [...finishedKickoffs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.8)] ?? configured;
}

/**
 * What evaluate keeps across the pipeline's runs (a replay, a long-running scheduler): every retraining day
 * trains on the same rows before test_from, takes the margin off the same history of prices and refits the goal
 * markets on the same windows of results.
 */
interface EvaluationMemory {
  readonly models: TrainedModelCache;
  readonly margins: MarginMemo;
  readonly goalMarketFits: BinaryFitMemo;
}

function lastingMemory(ctx: PipelineContext): EvaluationMemory {
  let memory = ctx.lasting.get('evaluation') as EvaluationMemory | undefined;
  if (memory === undefined) {
    memory = { models: createTrainedModelCache(), margins: new Map(), goalMarketFits: createBinaryFitMemo() };
    ctx.lasting.set('evaluation', memory);
  }
  return memory;
}

export const evaluateStage: Stage<PipelineContext> = {
  name: 'evaluate',
  outputs: [EVALUATION_KEY],
  params: (ctx) => ({
    evaluate: ctx.params.evaluate,
    train: ctx.params.train,
    goal_markets: ctx.params.goal_markets,
  }),
  inputs: (ctx) => artifactEtags(ctx.store, { model: TRAINED_MODEL_KEYS.description }),
  async run(ctx) {
    const [table, odds, regions, overUnder] = await Promise.all([
      currentFeatureTable(ctx),
      loadMarketOdds(ctx.db),
      loadRegions(ctx.db),
      loadMarketOverUnder(ctx.db),
    ]);
    const { matches } = table;
    const nowMs = ctx.now.getTime();
    const finished = matches.filter((m) => m.status === 'finished' && m.startTimeMs < nowMs);
    const testFromMs = splitMs(
      finished.map((m) => m.startTimeMs),
      ctx.params.evaluate.test_from,
    );
    const family = ctx.params.train.model;
    const memory = lastingMemory(ctx);
    memory.goalMarketFits.nextRun();
    const report = await evaluateMatches(matches, odds, {
      params: ctx.params,
      testFromMs,
      testToMs: nowMs,
      nowMs,
      trainers: [{ name: family, trainer: trainerFor(ctx.params.train) }],
      regionNames: new Map(regions.map((r) => [r.id, r.name])),
      log: ctx.log,
      table,
      overUnder,
      trainedModels: memory.models,
      marginMemo: memory.margins,
      goalMarketFit: memory.goalMarketFits.fit,
    });
    await putJson(ctx.store, EVALUATION_KEY, report);
    const model = report.overall[family];
    const market = report.overall.market;
    ctx.log(
      `${family} log loss ${model?.log_loss?.toFixed(4)} (market ${market?.log_loss?.toFixed(4) ?? '–'}, prior ${report.overall.class_prior?.log_loss?.toFixed(4)}) on ${report.n_test} matches`,
    );
    return {
      metrics: {
        log_loss: model?.log_loss ?? null,
        rps: model?.rps ?? null,
        accuracy: model?.accuracy ?? null,
        n_test: report.n_test,
        market_log_loss: market?.log_loss ?? null,
        prior_log_loss: report.overall.class_prior?.log_loss ?? null,
      },
      artifacts: { evaluation: EVALUATION_KEY },
    };
  },
};
