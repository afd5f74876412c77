/**
 * The latest pre-kick-off price per match, chosen in SQL (the same rule as latest-odds.ts, which is its
 * specification and is checked against it in test/integration/pipeline-odds.test.ts): a long history has
 * millions of stored prices, and only one per match is needed.
 */

import type { OddsRow } from '../domain/artifacts.ts';
import type { Db } from './db.ts';

// $1 preferred bookmakers, most preferred first. A price counts at its collection time; an undated closing price
// at kick-off; an undated opening price before any dated one. Later kinds win ties, then preferred bookmakers.
const SELECT_LATEST_PRE_KICKOFF = `
  SELECT DISTINCT ON (o.match_id)
         o.match_id, o.odd_home, o.odd_draw, o.odd_away, o.bookmaker, o.url AS odds_url, o.collected_at
  FROM odds o
  JOIN matches m ON m.match_id = o.match_id
  WHERE coalesce(o.collected_at, m.start_time_utc) <= m.start_time_utc
  ORDER BY o.match_id,
           coalesce(o.collected_at,
                    CASE WHEN o.kind = 'closing' THEN m.start_time_utc ELSE '-infinity'::timestamptz END) DESC,
           CASE o.kind WHEN 'closing' THEN 2 WHEN 'snapshot' THEN 1 ELSE 0 END DESC,
           coalesce(array_position($1::text[], o.bookmaker), 2147483647),
           o.bookmaker COLLATE "C"`;

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

export async function loadLatestPreKickoffOdds(
  db: Db,
  preferredBookmakers: readonly string[],
): Promise<OddsRow[]> {
  const rows = await db.query<Row>(SELECT_LATEST_PRE_KICKOFF, [preferredBookmakers]);
  return rows.map((r) => ({
    match_id: Number(r.match_id),
    odd_home: r.odd_home,
    odd_draw: r.odd_draw,
    odd_away: r.odd_away,
    bookmaker: r.bookmaker,
    odds_url: r.odds_url,
    collected_at: r.collected_at?.toISOString() ?? null,
  }));
}
