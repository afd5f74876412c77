/**
 * The feature table of the current data, computed once per pipeline run from the database (the features stage
 * writes the same table to the artifact store for the API and workers). From the previous run's checkpoint when
 * the matches before it are unchanged (a daily step computes the last day and the fixtures ahead, not the history):
 * the same table either way (test/integration/feature-table-incremental.test.ts). The matches themselves are read
 * again only where they may have changed (loadMatchRecordsSince).
 */
import { createHash } from 'node:crypto';
import { loadMatchRecordsSince, type MatchRecords } from '../../db/match-repository.ts';
import { FEATURE_REVISION, featureNames } from '../../features/feature-names.ts';
import type { FeatureParams } from '../../features/feature-params.ts';
import {
  type FeatureCheckpoint,
  type FeatureTable,
  featureTableSteps,
} from '../../features/feature-table.ts';
import { runInTurns } from './event-loop-turns.ts';
import { hashValue } from './lock-file.ts';
import { carriedOver, memoised, type PipelineContext } from './pipeline-context.ts';

const CHECKPOINT_KEY = 'feature-checkpoint';
const MATCHES_KEY = 'match-records';
const RESUMED_KEY = 'feature-table-resumed-at';

/** The row this run's feature table was computed from (0: in full), once it has been computed. */
export function featureTableResumedAt(ctx: PipelineContext): number {
  return (ctx.memo.get(RESUMED_KEY) as number | undefined) ?? 0;
}

export function currentFeatureTable(ctx: PipelineContext): Promise<FeatureTable> {
  return memoised(ctx, 'feature-table', async () => {
    const { records: matches } = await carriedOver<MatchRecords>(ctx, MATCHES_KEY, (previous) =>
      loadMatchRecordsSince(ctx.db, previous),
    );
    const previous = (ctx.lasting.get(CHECKPOINT_KEY) as FeatureCheckpoint | undefined) ?? null;
    // In turns: in `matchcast up` a build from scratch (a new process) would otherwise hold the API for 30 s.
    const built = await runInTurns(
      featureTableSteps(matches, ctx.params.features, { nowMs: ctx.now.getTime() }, previous),
    );
    ctx.lasting.set(CHECKPOINT_KEY, built.checkpoint);
    ctx.memo.set(RESUMED_KEY, built.resumedAt);
    return built.table;
  });
}

/**
 * The feature-set version: changes whenever the columns, the params that compute them or the code's
 * FEATURE_REVISION change, so a model is never fed features computed differently from those it was trained on.
 */
export function featureSetVersion(ctx: PipelineContext): string {
  return featureSetVersionOf(ctx.params.features);
}

export function featureSetVersionOf(features: FeatureParams, revision: number = FEATURE_REVISION): string {
  const digest = hashValue({ names: featureNames(features), params: features, revision });
  return `fs-${createHash('sha256').update(digest).digest('hex').slice(0, 12)}`;
}
