/**
 * The latest pre-kick-off price per match, chosen in SQL (the same rule as latest-odds.ts, which is its
 * specification and is checked against it in test/integration/pipeline-odds.test.ts): a long history has
 * millions of stored prices, and only one per match is needed.
 *
 * Incrementally too (`loadLatestPreKickoffOddsSince`): choosing over every price means sorting all of them, and a
 * day changes the prices of a few hundred matches; match-changes.ts tells which, from the rows' `xmin`.
 */

import type { OddsRow } from '../domain/artifacts.ts';
import { integerArrayLiteral } from './array-params.ts';
import type { Db } from './db.ts';
import { type MatchChangeMark, matchChangesSince } from './match-changes.ts';
import { readAllInPages, readInPages } from './paged-read.ts';

// $1 preferred bookmakers, most preferred first. A price counts at its collection time; an undated closing price
// at kick-off; an undated opening price before any dated one. Later kinds win ties, then preferred bookmakers.
// `filter` narrows the matches (an extra AND clause, parameters from $2).
const latestPreKickoffSql = (filter: string) => `
  SELECT DISTINCT ON (o.match_id)
         o.match_id, o.odd_home, o.odd_draw, o.odd_away, o.bookmaker, o.url AS odds_url, o.collected_at
  FROM odds o
  JOIN matches m ON m.match_id = o.match_id
  WHERE coalesce(o.collected_at, m.start_time_utc) <= m.start_time_utc ${filter}
  ORDER BY o.match_id,
           coalesce(o.collected_at,
                    CASE WHEN o.kind = 'closing' THEN m.start_time_utc ELSE '-infinity'::timestamptz END) DESC,
           CASE o.kind WHEN 'closing' THEN 2 WHEN 'snapshot' THEN 1 ELSE 0 END DESC,
           coalesce(array_position($1::text[], o.bookmaker), 2147483647),
           o.bookmaker COLLATE "C"`;

const SELECT_LATEST_PRE_KICKOFF = latestPreKickoffSql('');
// $2 match ids.
const SELECT_LATEST_PRE_KICKOFF_OF = latestPreKickoffSql('AND o.match_id = ANY($2::bigint[])');

interface Row {
  [column: string]: unknown;
  match_id: number;
  odd_home: number;
  odd_draw: number;
  odd_away: number;
  bookmaker: string;
  odds_url: string | null;
  collected_at: Date | null;
}

const toOddsRow = (r: Row): OddsRow => ({
  match_id: Number(r.match_id),
  odd_home: r.odd_home,
  odd_draw: r.odd_draw,
  odd_away: r.odd_away,
  bookmaker: r.bookmaker,
  odds_url: r.odds_url,
  collected_at: r.collected_at?.toISOString() ?? null,
});

/** The latest pre-kick-off price of every match that has one (read in pages, paged-read.ts). */
export function loadLatestPreKickoffOdds(db: Db, preferredBookmakers: readonly string[]): Promise<OddsRow[]> {
  return readAllInPages(db, SELECT_LATEST_PRE_KICKOFF, [preferredBookmakers], toOddsRow);
}

/** The latest prices and what they were read from, to be handed back to the next incremental load. */
export interface LatestOdds {
  /** One row per match with a pre-kick-off price, by match id. */
  readonly rows: readonly OddsRow[];
  readonly preferredBookmakers: readonly string[];
  /** The prices' change mark of the read. */
  readonly mark: MatchChangeMark;
  /** Matches chosen again in this load; null when it was a full load. */
  readonly recomputedMatches: number | null;
}

/**
 * The same rows as `loadLatestPreKickoffOdds`, re-choosing only the matches whose prices or kick-off may have been
 * written since `previous` was read (in full without it, with other bookmakers, or when match-changes.ts cannot
 * vouch for the change). All reads share one REPEATABLE READ snapshot, the next mark.
 */
export function loadLatestPreKickoffOddsSince(
  db: Db,
  preferredBookmakers: readonly string[],
  previous: LatestOdds | null,
): Promise<LatestOdds> {
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const sameBookmakers =
      previous !== null && previous.preferredBookmakers.join('\u0000') === preferredBookmakers.join('\u0000');
    const { mark, changed } = await matchChangesSince(tx, 'odds', sameBookmakers ? previous.mark : null);
    const base = { preferredBookmakers, mark };
    if (previous === null || changed === null)
      return {
        ...base,
        rows: await readInPages(tx, SELECT_LATEST_PRE_KICKOFF, [preferredBookmakers], toOddsRow),
        recomputedMatches: null,
      };
    if (changed.length === 0) return { ...base, rows: previous.rows, recomputedMatches: 0 };
    const fresh = await tx.query<Row>(SELECT_LATEST_PRE_KICKOFF_OF, [
      preferredBookmakers,
      integerArrayLiteral(changed),
    ]);
    const byMatch = new Map(previous.rows.map((r) => [r.match_id, r]));
    for (const id of changed) byMatch.delete(id);
    for (const r of fresh) byMatch.set(Number(r.match_id), toOddsRow(r));
    const rows = [...byMatch.values()].sort((a, b) => a.match_id - b.match_id);
    return { ...base, rows, recomputedMatches: changed.length };
  });
}
