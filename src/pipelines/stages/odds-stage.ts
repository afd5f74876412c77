/** odds: the latest pre-kick-off 1X2 price per match (bookmaker, url, collected_at) → odds/odds.parquet. */

import { loadLatestPreKickoffOdds } from '../../db/latest-odds-repository.ts';
import { ARTIFACT_KEYS, type OddsRow } from '../../domain/artifacts.ts';
import { putParquet } from '../../storage/artifact-io.ts';
import type { Column, ColumnKind } from '../../storage/parquet.ts';
import { oddsFingerprint } from '../run/data-fingerprint.ts';
import type { PipelineContext } from '../run/pipeline-context.ts';
import { DATA_FINGERPRINT_INPUT } from '../run/runner.ts';
import type { Stage } from '../run/stage.ts';

/** On equal times, the sharpest and most complete prices first (football-data's bookmaker names). */
const PREFERRED_BOOKMAKERS = ['pinnacle', 'market_avg', 'b365'];

const ODDS_COLUMNS: readonly (readonly [keyof OddsRow, ColumnKind])[] = [
  ['match_id', 'bigint'],
  ['odd_home', 'double'],
  ['odd_draw', 'double'],
  ['odd_away', 'double'],
  ['bookmaker', 'varchar'],
  ['odds_url', 'varchar'],
  ['collected_at', 'varchar'],
];

/** odds/odds.parquet's columns, as this stage writes them (tests and benches write theirs the same way). */
export function oddsColumns(rows: readonly OddsRow[]): Column[] {
  return ODDS_COLUMNS.map(([name, kind]) => ({ name, kind, values: rows.map((r) => r[name]) }));
}

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
