/**
 * The latest pre-kick-off price per match, chosen in SQL (the same rule as latest-odds.ts, which is its
 * specification and is checked against it in test/integration/pipeline-odds.test.ts): a long history has
 * millions of stored prices, and only one per match is needed.
 *
 * Incrementally too (`loadLatestPreKickoffOddsSince`): choosing over every price means sorting all of them, and a
 * day changes the prices of a few hundred matches. Which rows may have changed is told by PostgreSQL itself:
 * every inserted or updated row carries the id of the transaction that wrote it (`xmin`). A row written by a
 * transaction older than the previous read snapshot's xmin was already settled then ("stable"); every row written
 * since, by a transaction running then or started later (subtransactions included), has an id at or after it.
 * So a match needs choosing again only if it has such a row now, had one then, or its own row was written since;
 * and no stable row was deleted or updated exactly when the stable rows are still as many. Otherwise the full
 * query runs.
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

// The transaction's snapshot, and how many transactions began since $1, the previous one (null without it).
const SELECT_SNAPSHOT = `
  SELECT pg_current_snapshot()::text AS snapshot,
         (pg_snapshot_xmin(pg_current_snapshot())::text::numeric
          - pg_snapshot_xmin($1::pg_snapshot)::text::numeric) AS xids_since`;

// A row is written at or after a snapshot's xmin when its age (transactions between its writer and now, modulo
// 2^32) is at most that xmin's age: exact for the rows of the last 2^31 transactions; an older row may pass for
// a new one (then it is re-chosen, or it leaves the stable count and forces the full query), never the reverse.
const AGES = `
  SELECT age((pg_snapshot_xmin($1::pg_snapshot)::text::numeric % 4294967296)::text::xid) AS now_age,
         age((pg_snapshot_xmin($2::pg_snapshot)::text::numeric % 4294967296)::text::xid) AS then_age`;

// $1 this read's snapshot, $2 the previous one (null for a full load). One pass over the prices: the stable rows
// as of each snapshot, the matches with rows written since $1's xmin (to re-choose next time) and since $2's.
const SELECT_ODDS_WRITTEN = `
  WITH a AS (${AGES})
  SELECT count(*) FILTER (WHERE age(o.xmin) > a.now_age) AS stable_now,
         count(*) FILTER (WHERE age(o.xmin) > a.then_age) AS stable_since_then,
         coalesce(array_agg(DISTINCT o.match_id) FILTER (WHERE age(o.xmin) <= a.now_age), '{}') AS unsettled,
         coalesce(array_agg(DISTINCT o.match_id) FILTER (WHERE age(o.xmin) <= a.then_age), '{}') AS written
  FROM odds o, a`;

// $1, $2 as above: the matches (kick-offs) written since the previous snapshot's xmin.
const SELECT_MATCHES_WRITTEN = `
  WITH a AS (${AGES})
  SELECT coalesce(array_agg(m.match_id), '{}') AS written FROM matches m, a WHERE age(m.xmin) <= a.then_age`;

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
  /** Prices written before the snapshot's xmin. */
  readonly stableRows: number;
  /** Matches with prices written at or after the snapshot's xmin: chosen again next time whatever happens. */
  readonly unsettledMatches: readonly number[];
  /** Matches chosen again in this load; null when it was a full load. */
  readonly recomputedMatches: number | null;
}

// Past this many transactions since the previous snapshot, ages could wrap around.
const MAX_XIDS_SINCE = 2 ** 30;

interface Written {
  [column: string]: unknown;
  stable_now: number;
  stable_since_then: number;
  unsettled: number[];
  written: number[];
}

/**
 * The same rows as `loadLatestPreKickoffOdds`, re-choosing only the matches whose prices or kick-off may have been
 * written since `previous` was read (in full without it, with other bookmakers, after a stable price was
 * updated or deleted, or after 2^30 transactions). All reads share one REPEATABLE READ snapshot, the next
 * watermark.
 */
export function loadLatestPreKickoffOddsSince(
  db: Db,
  preferredBookmakers: readonly string[],
  previous: LatestOdds | null,
): Promise<LatestOdds> {
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [mark] = await tx.query<{ snapshot: string; xids_since: number | null }>(SELECT_SNAPSHOT, [
      previous?.snapshot ?? null,
    ]);
    if (!mark) throw new Error('no snapshot');
    const usable =
      previous !== null &&
      mark.xids_since !== null &&
      Number(mark.xids_since) < MAX_XIDS_SINCE &&
      previous.preferredBookmakers.join('\u0000') === preferredBookmakers.join('\u0000');
    const since = usable ? previous.snapshot : null;
    const [odds] = await tx.query<Written>(SELECT_ODDS_WRITTEN, [mark.snapshot, since]);
    if (!odds) throw new Error('no odds summary');
    const base = {
      preferredBookmakers,
      snapshot: mark.snapshot,
      stableRows: Number(odds.stable_now),
      unsettledMatches: odds.unsettled.map(Number),
    };
    // Stable rows then = stable rows now + those deleted or rewritten since: equal only when none were.
    if (!usable || Number(odds.stable_since_then) !== previous.stableRows)
      return {
        ...base,
        rows: await loadLatestPreKickoffOdds(tx, preferredBookmakers),
        recomputedMatches: null,
      };
    const [matches] = await tx.query<{ written: number[] }>(SELECT_MATCHES_WRITTEN, [mark.snapshot, since]);
    const ids = [
      ...new Set([...previous.unsettledMatches, ...odds.written, ...(matches?.written ?? [])].map(Number)),
    ];
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
