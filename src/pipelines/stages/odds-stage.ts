/** odds: the latest pre-kick-off 1X2 price per match (bookmaker, url, collected_at) → odds/odds.parquet. */

import { type LatestOdds, loadLatestPreKickoffOddsSince } from '../../db/latest-odds-repository.ts';
import { ARTIFACT_KEYS } from '../../domain/artifacts.ts';
import { PREFERRED_BOOKMAKERS } from '../../domain/odds-history.ts';
import { putParquet } from '../../storage/artifact-io.ts';
import { oddsColumns } from '../../storage/artifacts/artifact-tables.ts';
import { oddsFingerprint } from '../run/data-fingerprint.ts';
import { carriedOver, type PipelineContext } from '../run/pipeline-context.ts';
import { DATA_FINGERPRINT_INPUT } from '../run/runner.ts';
import type { Stage } from '../run/stage.ts';

// The previous run's choice and its snapshot, kept for the process's life (PipelineContext.lasting, as ADR 0013)
// so a daily run re-chooses only the matches whose prices or kick-off were written since.
const LATEST_ODDS_KEY = 'latest-odds';

export const oddsStage: Stage<PipelineContext> = {
  name: 'odds',
  outputs: [ARTIFACT_KEYS.odds],
  params: () => ({ preferred_bookmakers: PREFERRED_BOOKMAKERS }),
  inputs: async (ctx) => ({ [DATA_FINGERPRINT_INPUT]: await oddsFingerprint(ctx.db) }),
  async run(ctx) {
    const latest = await carriedOver<LatestOdds>(ctx, LATEST_ODDS_KEY, (previous) =>
      loadLatestPreKickoffOddsSince(ctx.db, PREFERRED_BOOKMAKERS, previous),
    );
    const { rows } = latest;
    await putParquet(ctx.store, ARTIFACT_KEYS.odds, oddsColumns(rows));
    const how = latest.recomputedMatches === null ? 'in full' : `${latest.recomputedMatches} re-chosen`;
    ctx.log(`${rows.length} matches with pre-kick-off odds (${how})`);
    return {
      // rechosen_matches: all of them when the full query ran.
      metrics: { matches: rows.length, rechosen_matches: latest.recomputedMatches ?? rows.length },
      artifacts: { odds: ARTIFACT_KEYS.odds },
    };
  },
};
