/**
 * The latest pre-kick-off price per match, chosen in SQL (the same rule as latest-odds.ts, which is its
 * specification and is checked against it in test/integration/pipeline-odds.test.ts): a long history has
 * millions of stored prices, and only one per match is needed.
 *
 * Incrementally too (`loadLatestPreKickoffOddsSince`): choosing over every price means sorting all of them, and a
 * day changes the prices of a few hundred matches. Which rows changed is told by PostgreSQL itself: every
 * inserted or updated row carries the id of the transaction that wrote it (`xmin`), so the rows not visible in
 * the previous read's snapshot are exactly those written since. Deleted rows leave no trace, so the row count is
 * compared too; anything the watermark cannot vouch for falls back to the full query.
 */

import type { OddsRow } from '../domain/artifacts.ts';
import { integerArrayLiteral } from './array-params.ts';
import type { Db, Queryable } from './db.ts';

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

// What the result was read from: the transaction's snapshot and the number of stored prices in it.
const SELECT_WATERMARK = `
  SELECT pg_current_snapshot()::text AS snapshot, (SELECT count(*) FROM odds) AS odds_rows,
         (pg_snapshot_xmin(pg_current_snapshot())::text::numeric
          - pg_snapshot_xmin($1::pg_snapshot)::text::numeric) AS xids_since`;

// $1 the previous snapshot. Rows written since it: `age()` (transactions between a row's writer and now, modulo
// 2^32) pre-selects the rows at or after the snapshot's xmin cheaply; the 32-bit xmin is then widened to its
// 64-bit id (valid while fewer than 2^31 transactions have passed, checked by the caller) to ask the snapshot
// whether it saw it. Returns the changed odds rows' count and the matches whose prices or kick-off changed.
const SELECT_CHANGED_SINCE = `
  WITH snap AS (
    SELECT $1::pg_snapshot AS old, pg_snapshot_xmin($1::pg_snapshot)::text::numeric AS xmin64,
           age((pg_snapshot_xmin($1::pg_snapshot)::text::numeric % 4294967296)::text::xid) AS xmin_age
  ), odds_written AS (
    SELECT o.match_id FROM odds o, snap s
    WHERE age(o.xmin) <= s.xmin_age
      AND NOT pg_visible_in_snapshot(
            (s.xmin64 + ((o.xmin::text::numeric - s.xmin64) % 4294967296 + 4294967296) % 4294967296)::text::xid8,
            s.old)
  ), matches_written AS (
    SELECT m.match_id FROM matches m, snap s
    WHERE age(m.xmin) <= s.xmin_age
      AND NOT pg_visible_in_snapshot(
            (s.xmin64 + ((m.xmin::text::numeric - s.xmin64) % 4294967296 + 4294967296) % 4294967296)::text::xid8,
            s.old)
  )
  SELECT (SELECT count(*) FROM odds_written) AS odds_written,
         coalesce((SELECT array_agg(DISTINCT match_id) FROM
                     (SELECT match_id FROM odds_written UNION SELECT match_id FROM matches_written) AS u),
                  '{}') AS match_ids`;

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

export async function loadLatestPreKickoffOdds(
  db: Queryable,
  preferredBookmakers: readonly string[],
): Promise<OddsRow[]> {
  const rows = await db.query<Row>(SELECT_LATEST_PRE_KICKOFF, [preferredBookmakers]);
  return rows.map(toOddsRow);
}

/** The latest prices and what they were read from, to be handed back to the next incremental load. */
export interface LatestOdds {
  /** One row per match with a pre-kick-off price, by match id. */
  readonly rows: readonly OddsRow[];
  readonly preferredBookmakers: readonly string[];
  /** pg_snapshot text of the transaction that read them. */
  readonly snapshot: string;
  readonly oddsRows: number;
  /** Matches chosen again in this load; null when it was a full load. */
  readonly recomputedMatches: number | null;
}

// Past this many transactions since the previous snapshot, the 32-bit ids can no longer be widened safely.
const MAX_XIDS_SINCE = 2 ** 30;

/**
 * The same rows as `loadLatestPreKickoffOdds`, re-choosing only the matches whose prices or kick-off were written
 * since `previous` was read (a full load without it, with other bookmakers, after a deletion, or after 2^30
 * transactions). All reads share one REPEATABLE READ snapshot, which becomes the next watermark.
 */
export function loadLatestPreKickoffOddsSince(
  db: Db,
  preferredBookmakers: readonly string[],
  previous: LatestOdds | null,
): Promise<LatestOdds> {
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [mark] = await tx.query<{ snapshot: string; odds_rows: number; xids_since: number | null }>(
      SELECT_WATERMARK,
      [previous?.snapshot ?? null],
    );
    if (!mark) throw new Error('no snapshot');
    const base = { preferredBookmakers, snapshot: mark.snapshot, oddsRows: Number(mark.odds_rows) };
    const full = async (): Promise<LatestOdds> => ({
      ...base,
      rows: await loadLatestPreKickoffOdds(tx, preferredBookmakers),
      recomputedMatches: null,
    });
    if (
      !previous ||
      mark.xids_since === null ||
      Number(mark.xids_since) >= MAX_XIDS_SINCE ||
      previous.preferredBookmakers.join('\u0000') !== preferredBookmakers.join('\u0000')
    )
      return full();
    const [changed] = await tx.query<{ odds_written: number; match_ids: number[] }>(SELECT_CHANGED_SINCE, [
      previous.snapshot,
    ]);
    // Rows now = rows then + inserted − deleted, and written = inserted + updated: equal only without deletions.
    if (!changed || base.oddsRows !== previous.oddsRows + Number(changed.odds_written)) return full();
    const ids = changed.match_ids.map(Number);
    if (ids.length === 0) return { ...base, rows: previous.rows, recomputedMatches: 0 };
    const fresh = await tx.query<Row>(SELECT_LATEST_PRE_KICKOFF_OF, [
      preferredBookmakers,
      integerArrayLiteral(ids),
    ]);
    const byMatch = new Map(previous.rows.map((r) => [r.match_id, r]));
    for (const id of ids) byMatch.delete(id);
    for (const r of fresh) byMatch.set(Number(r.match_id), toOddsRow(r));
    const rows = [...byMatch.values()].sort((a, b) => a.match_id - b.match_id);
    return { ...base, rows, recomputedMatches: ids.length };
  });
}
