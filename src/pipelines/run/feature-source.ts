/**
 * The feature table of the current data, computed once per pipeline run from the database (the features stage
 * writes the same table to the artifact store for the API and workers).
 */
import { createHash } from 'node:crypto';
import { loadMatchRecords } from '../../db/match-repository.ts';
import { featureNames } from '../../features/feature-names.ts';
import { buildFeatureTable, type FeatureTable } from '../../features/feature-table.ts';
import { hashValue } from './lock-file.ts';
import { memoised, type PipelineContext } from './pipeline-context.ts';

export function currentFeatureTable(ctx: PipelineContext): Promise<FeatureTable> {
  return memoised(ctx, 'feature-table', async () => {
    const matches = await loadMatchRecords(ctx.db);
    return buildFeatureTable(matches, ctx.params.features, { nowMs: ctx.now.getTime() });
  });
}

/**
 * The feature-set version: changes whenever the columns or the params that compute them change, so a model is
 * never fed features computed differently from those it was trained on.
 */
export function featureSetVersion(ctx: PipelineContext): string {
  const digest = hashValue({ names: featureNames(ctx.params.features), params: ctx.params.features });
  return `fs-${createHash('sha256').update(digest).digest('hex').slice(0, 12)}`;
}
