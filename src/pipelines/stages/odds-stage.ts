/** odds: the latest pre-kick-off 1X2 price per match (bookmaker, url, collected_at) → odds/odds.parquet. */

import { loadLatestPreKickoffOdds } from '../../db/latest-odds-repository.ts';
import { ARTIFACT_KEYS } from '../../domain/artifacts.ts';
import { PREFERRED_BOOKMAKERS } from '../../domain/odds-history.ts';
import { putParquet } from '../../storage/artifact-io.ts';
import { oddsColumns } from '../../storage/artifacts/artifact-tables.ts';
import { oddsFingerprint } from '../run/data-fingerprint.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import { DATA_FINGERPRINT_INPUT } from '../run/runner.ts';
import type { Stage } from '../run/stage.ts';

export const oddsStage: Stage<PipelineContext> = {
  name: 'odds',
  outputs: [ARTIFACT_KEYS.odds],
  params: () => ({ preferred_bookmakers: PREFERRED_BOOKMAKERS }),
  inputs: async (ctx) => ({ [DATA_FINGERPRINT_INPUT]: await oddsFingerprint(ctx.db) }),
  async run(ctx) {
    const rows = await loadLatestPreKickoffOdds(ctx.db, PREFERRED_BOOKMAKERS);
    await putParquet(ctx.store, ARTIFACT_KEYS.odds, oddsColumns(rows));
    ctx.log(`${rows.length} matches with pre-kick-off odds`);
    return {
      metrics: { matches: rows.length },
      artifacts: { odds: ARTIFACT_KEYS.odds },
    };
  },
};
