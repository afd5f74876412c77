/**
 * Over/under goals prices (migration 0007): bulk writes for importers, in the manner of the 1X2 prices of
 * import-repository.ts (integer and dictionary array parameters, identical rows filtered out first so a
 * re-import writes nothing), and the read the evaluation scores the market with.
 */
import { dictionaryEncode, integerArrayLiteral, PRICE_SCALE, scaledPrice } from './array-params.ts';
import type { Db, Queryable } from './db.ts';
import {
  type OddsWriteCounts,
  REPLACEABLE_PRICE,
  upsertPrices,
  withForeignKeyChecksOff,
} from './import-repository.ts';

export interface OverUnderInput {
  readonly matchId: number;
  readonly bookmaker: string;
  readonly kind: 'opening' | 'closing' | 'snapshot';
  /** Goals line, e.g. 2.5. */
  readonly line: number;
  readonly over: number;
  readonly under: number;
}

/** Lines travel as hundredths (2.5 → 250), prices as PRICE_SCALE integers. */
const LINE_SCALE = 100;

// $1 match ids, $4 lines × LINE_SCALE, $5 $6 prices × PRICE_SCALE; bookmaker and kind as dictionaries ($2,
// $3) with per-row indexes ($7, $8), see array-params.ts.
const INPUT = `
  SELECT match_id, ($2::text[])[b] AS bookmaker, ($3::text[])[k] AS kind, l::float8 / ${LINE_SCALE} AS line,
         o::float8 / ${PRICE_SCALE} AS odd_over, u::float8 / ${PRICE_SCALE} AS odd_under
  FROM unnest($1::int8[], $7::int[], $8::int[], $4::int[], $5::int8[], $6::int8[]) AS t(match_id, b, k, l, o, u)`;

// Parameters as INPUT, $9 as REPLACEABLE_PRICE. Undated prices (collected_at NULL): one row per match, bookmaker,
// kind and line; one on offer before a kick-off now past is not replaced (REPLACEABLE_PRICE).
const UPSERT = `
  WITH changed AS MATERIALIZED (
    SELECT i.*, s.odd_over IS NOT NULL AS stored
    FROM (${INPUT}) AS i
    LEFT JOIN LATERAL (
      SELECT s.odd_over, s.odd_under FROM odds_over_under s
      WHERE s.match_id = i.match_id AND s.bookmaker = i.bookmaker AND s.kind = i.kind AND s.line = i.line
        AND s.collected_at IS NULL
      LIMIT 1
    ) AS s ON true
    WHERE s.odd_over IS NULL OR (s.odd_over, s.odd_under) IS DISTINCT FROM (i.odd_over, i.odd_under)
  ), written AS (
    INSERT INTO odds_over_under AS o (match_id, bookmaker, kind, line, odd_over, odd_under)
    SELECT match_id, bookmaker, kind, line, odd_over, odd_under FROM changed
    ON CONFLICT (match_id, bookmaker, kind, line, collected_at) DO UPDATE SET
      odd_over = EXCLUDED.odd_over, odd_under = EXCLUDED.odd_under
      WHERE ${REPLACEABLE_PRICE}
    RETURNING (o.xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
         (SELECT count(*) FROM changed WHERE stored)::int AS differing
  FROM written`;

const INSERT = `
  INSERT INTO odds_over_under (match_id, bookmaker, kind, line, odd_over, odd_under)
  ${INPUT}`;

function params(rows: readonly OverUnderInput[]): unknown[] {
  const bookmaker = dictionaryEncode(rows.map((r) => r.bookmaker));
  const kind = dictionaryEncode(rows.map((r) => r.kind));
  return [
    integerArrayLiteral(rows.map((r) => r.matchId)),
    bookmaker.values,
    kind.values,
    integerArrayLiteral(rows.map((r) => r.line * LINE_SCALE)),
    integerArrayLiteral(rows.map((r) => scaledPrice(r.over))),
    integerArrayLiteral(rows.map((r) => scaledPrice(r.under))),
    bookmaker.indexes,
    kind.indexes,
  ];
}

/**
 * Plain inserts for prices of matches inserted earlier in the same transaction (they cannot conflict; the
 * foreign-key check is skipped when the session may, as for insertOddsOfNewMatches).
 */
export async function insertOverUnderOfNewMatches(
  q: Queryable,
  rows: readonly OverUnderInput[],
  skipForeignKeyChecks: boolean,
): Promise<number> {
  if (rows.length === 0) return 0;
  await withForeignKeyChecksOff(q, skipForeignKeyChecks, () => q.query(INSERT, params(rows)));
  return rows.length;
}

/**
 * Inserts new prices and updates changed ones (rows unique per match, bookmaker, kind and line), as upsertOdds
 * does; `upcoming`: the ids of matches whose kick-off is still ahead.
 */
export function upsertOverUnder(
  q: Queryable,
  rows: readonly OverUnderInput[],
  upcoming: readonly number[],
): Promise<OddsWriteCounts> {
  return upsertPrices(q, UPSERT, () => params(rows), rows.length, upcoming);
}

export interface StoredOverUnder {
  readonly matchId: number;
  readonly bookmaker: string;
  readonly kind: 'opening' | 'closing' | 'snapshot';
  readonly collectedAt: Date | null;
  readonly line: number;
  /** [over, under] decimal prices. */
  readonly odds: readonly [number, number];
}

// $1 bookmaker names, $2 kinds (parallel arrays), $3 line.
const SELECT_OF = `
  SELECT o.match_id, o.bookmaker, o.kind, o.collected_at, o.line, o.odd_over, o.odd_under
  FROM odds_over_under o JOIN unnest($1::text[], $2::text[]) AS pref (bookmaker, kind)
    ON pref.bookmaker = o.bookmaker AND pref.kind = o.kind
  WHERE o.line = $3`;

/** The stored over/under prices of one line for the given [bookmaker, kind] pairs. */
export async function loadOverUnderOf(
  db: Db,
  books: readonly (readonly [string, StoredOverUnder['kind']])[],
  line: number,
): Promise<StoredOverUnder[]> {
  const rows = await db.query<{
    match_id: number;
    bookmaker: string;
    kind: StoredOverUnder['kind'];
    collected_at: Date | null;
    line: number;
    odd_over: number;
    odd_under: number;
  }>(SELECT_OF, [books.map(([book]) => book), books.map(([, kind]) => kind), line]);
  return rows.map((r) => ({
    matchId: Number(r.match_id),
    bookmaker: r.bookmaker,
    kind: r.kind,
    collectedAt: r.collected_at,
    line: Number(r.line),
    odds: [Number(r.odd_over), Number(r.odd_under)] as const,
  }));
}
