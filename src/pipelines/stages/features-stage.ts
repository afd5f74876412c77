/** features: the feature table of every match, past and upcoming → features/match_features.parquet + manifest. */
import { FEATURE_KEY_COLUMNS } from '../../domain/artifact-columns.ts';
import { ARTIFACT_KEYS, type FeatureRowKeys, type FeatureSetManifest } from '../../domain/artifacts.ts';
import { featureColumns } from '../../features/feature-columns.ts';
import { putJson, putParquet } from '../../storage/artifact-io.ts';
import type { CellValue, Column } from '../../storage/parquet/parquet-file.ts';
import { kickoffsPassed, matchesFingerprint } from '../run/data-fingerprint.ts';
import { currentFeatureTable, featureSetVersion, featureTableResumedAt } from '../run/feature-source.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import { DATA_FINGERPRINT_INPUT } from '../run/runner.ts';
import type { Stage } from '../run/stage.ts';

export const featuresStage: Stage<PipelineContext> = {
  name: 'features',
  outputs: [ARTIFACT_KEYS.features, ARTIFACT_KEYS.featureSet],
  params: (ctx) => ({ features: ctx.params.features, version: featureSetVersion(ctx) }),
  async inputs(ctx) {
    // is_future flips as kick-offs pass, so the table is refreshed when one has passed even if data is still.
    const [data, kickoffs] = await Promise.all([matchesFingerprint(ctx.db), kickoffsPassed(ctx.db, ctx.now)]);
    return { [DATA_FINGERPRINT_INPUT]: data, kickoffs_passed: kickoffs };
  },
  async run(ctx) {
    const table = await currentFeatureTable(ctx);
    const { n, d } = table;
    const keys: Record<keyof FeatureRowKeys, CellValue[]> = {
      match_id: table.matches.map((m) => m.matchId),
      start_time_utc: table.matches.map((m) => new Date(m.startTimeMs).toISOString()),
      region_id: table.matches.map((m) => m.regionId),
      is_future: Array.from(table.isFuture, (f) => f === 1),
      outcome: Array.from(table.outcome, (o) => (o < 0 ? null : o)),
    };
    const columns: Column[] = [
      ...FEATURE_KEY_COLUMNS.map(([name, kind]) => ({ name, kind, values: keys[name] })),
      ...featureColumns(table).map((values, j) => ({
        name: table.featureNames[j] as string,
        kind: 'double' as const,
        values,
      })),
    ];
    await putParquet(ctx.store, ARTIFACT_KEYS.features, columns);
    const manifest: FeatureSetManifest = {
      version: featureSetVersion(ctx),
      featureNames: table.featureNames,
      rows: n,
      createdAt: ctx.now.toISOString(),
    };
    await putJson(ctx.store, ARTIFACT_KEYS.featureSet, manifest);
    const upcoming = table.isFuture.reduce((s, f) => s + f, 0);
    const resumedAt = featureTableResumedAt(ctx);
    ctx.log(`${n} feature rows (${upcoming} upcoming; ${n - resumedAt} computed), ${d} features`);
    return {
      metrics: { rows: n, upcoming, features: d, computed: n - resumedAt },
      artifacts: { features: ARTIFACT_KEYS.features, feature_set: ARTIFACT_KEYS.featureSet },
    };
  },
};
