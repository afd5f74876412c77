/**
 * Which matches may have changed since a previous read, told by PostgreSQL itself: every inserted or updated row
 * carries the id of the transaction that wrote it (`xmin`). A row written by a transaction older than the previous
 * read snapshot's xmin was already settled then ("stable"); every row written since, by a transaction running then
 * or started later (subtransactions included), has an id at or after it. So a match may have changed only if it
 * has such a row in the watched table now, had one then, or its own row (kick-off, result) was written since; and
 * no stable row was deleted or updated exactly when the stable rows are still as many. Otherwise nothing can be
 * vouched for and the caller reads everything again.
 *
 * The incremental reads built on it (the match records, latest pre-kick-off odds, the odds history of bets, the
 * honest past predictions) keep their previous result in `PipelineContext.lasting` (as ADR 0013) and re-read only those
 * matches; each is checked day by day against its full read in test/integration.
 */
import type { Queryable } from './db.ts';

/** The tables whose rows are read per match, and whose writes therefore change what a match reads. */
export type WatchedTable = 'odds' | 'prediction_log' | 'match_stats';

/** What a read saw, to be handed back to the next one. */
export interface MatchChangeMark {
  readonly table: WatchedTable;
  /** pg_snapshot text of the transaction that read. */
  readonly snapshot: string;
  /** Rows of the watched table written before the snapshot's xmin. */
  readonly stableRows: number;
  /** Matches with rows written at or after the snapshot's xmin: counted as changed next time whatever happens. */
  readonly unsettledMatches: readonly number[];
}

export interface MatchChanges {
  readonly mark: MatchChangeMark;
  /**
   * Matches whose rows in the watched table, or whose own row, may have been written since the previous mark; null
   * when that cannot be vouched for (no previous mark, another table, a stable row updated or deleted, or 2^30
   * transactions since) and everything must be read again.
   */
  readonly changed: readonly number[] | null;
}

// The transaction's snapshot, and how many transactions began since $1, the previous one (null without it).
const SELECT_SNAPSHOT = `
  SELECT pg_current_snapshot()::text AS snapshot,
         (pg_snapshot_xmin(pg_current_snapshot())::text::numeric
          - pg_snapshot_xmin($1::pg_snapshot)::text::numeric) AS xids_since`;

// A row is written at or after a snapshot's xmin when its age (transactions between its writer and now, modulo
// 2^32) is at most that xmin's age: exact for the rows of the last 2^31 transactions; an older row may pass for
// a new one (then it is re-read, or it leaves the stable count and forces the full read), never the reverse.
const AGES = `
  SELECT age((pg_snapshot_xmin($1::pg_snapshot)::text::numeric % 4294967296)::text::xid) AS now_age,
         age((pg_snapshot_xmin($2::pg_snapshot)::text::numeric % 4294967296)::text::xid) AS then_age`;

// $1 this read's snapshot, $2 the previous one (null for a full read). One pass over the watched table: the
// stable rows as of each snapshot, the matches with rows written since $1's xmin (changed next time) and since $2's.
const rowsWrittenSql = (table: WatchedTable) => `
  WITH a AS (${AGES})
  SELECT count(*) FILTER (WHERE age(w.xmin) > a.now_age) AS stable_now,
         count(*) FILTER (WHERE age(w.xmin) > a.then_age) AS stable_since_then,
         coalesce(array_agg(DISTINCT w.match_id) FILTER (WHERE age(w.xmin) <= a.now_age), '{}') AS unsettled,
         coalesce(array_agg(DISTINCT w.match_id) FILTER (WHERE age(w.xmin) <= a.then_age), '{}') AS written
  FROM ${table} w, a`;

const ROWS_WRITTEN: Record<WatchedTable, string> = {
  odds: rowsWrittenSql('odds'),
  prediction_log: rowsWrittenSql('prediction_log'),
  match_stats: rowsWrittenSql('match_stats'),
};

// $1, $2 as above: the matches (kick-offs, results) written since the previous snapshot's xmin.
const SELECT_MATCHES_WRITTEN = `
  WITH a AS (${AGES})
  SELECT coalesce(array_agg(m.match_id), '{}') AS written FROM matches m, a WHERE age(m.xmin) <= a.then_age`;

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
 * The matches that may have changed in `table` (or in `matches`) since `previous` was taken. Call it first in a
 * REPEATABLE READ transaction: the reads that follow in it then see exactly the returned mark's snapshot.
 */
export async function matchChangesSince(
  tx: Queryable,
  table: WatchedTable,
  previous: MatchChangeMark | null,
): Promise<MatchChanges> {
  const [now] = await tx.query<{ snapshot: string; xids_since: number | null }>(SELECT_SNAPSHOT, [
    previous?.snapshot ?? null,
  ]);
  if (!now) throw new Error('no snapshot');
  const usable =
    previous !== null &&
    previous.table === table &&
    now.xids_since !== null &&
    Number(now.xids_since) < MAX_XIDS_SINCE;
  const since = usable ? previous.snapshot : null;
  const [rows] = await tx.query<Written>(ROWS_WRITTEN[table], [now.snapshot, since]);
  if (!rows) throw new Error(`no ${table} summary`);
  const mark: MatchChangeMark = {
    table,
    snapshot: now.snapshot,
    stableRows: Number(rows.stable_now),
    unsettledMatches: rows.unsettled.map(Number),
  };
  // Stable rows then = stable rows now + those deleted or rewritten since: equal only when none were.
  if (!usable || Number(rows.stable_since_then) !== previous.stableRows) return { mark, changed: null };
  const [matches] = await tx.query<{ written: number[] }>(SELECT_MATCHES_WRITTEN, [now.snapshot, since]);
  const changed = new Set(
    [...previous.unsettledMatches, ...rows.written, ...(matches?.written ?? [])].map(Number),
  );
  return { mark, changed: [...changed] };
}
