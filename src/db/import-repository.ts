/**
 * Bulk writes for importers: regions, teams, matches and odds as multi-row upserts over `unnest` arrays, so a
 * batch of thousands of rows is one statement. Every upsert only touches a row whose values really differ,
 * so re-importing the same data changes nothing (no `updated_at` churn) and `match_id` stays put.
 */
import type { MatchFacts, MatchStats, Sex } from '../domain/match.ts';
import { dictionaryEncode, integerArrayLiteral, PRICE_SCALE, scaledPrice } from './array-params.ts';
import type { Queryable } from './db.ts';

export interface RegionInput {
  readonly code: string;
  readonly name: string;
  readonly country: string;
}

// $1 codes, $2 names, $3 countries. An existing region keeps its name: codes are the identity.
const UPSERT_REGIONS = `
  INSERT INTO regions (code, name, country)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
  ON CONFLICT (code) DO NOTHING`;
// $1 codes
const SELECT_REGION_IDS = 'SELECT id, code FROM regions WHERE code = ANY($1::text[])';

/** Creates missing regions; returns code → id for all given. */
export async function upsertRegions(
  q: Queryable,
  regions: readonly RegionInput[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (regions.length === 0) return ids;
  const codes = regions.map((r) => r.code);
  await q.query(UPSERT_REGIONS, [codes, regions.map((r) => r.name), regions.map((r) => r.country)]);
  for (const row of await q.query<{ id: number; code: string }>(SELECT_REGION_IDS, [codes])) {
    ids.set(row.code, row.id);
  }
  return ids;
}

export interface TeamInput {
  readonly name: string;
  readonly regionId: number;
  readonly sex: Sex;
}

/** Cache key of a team: names are unique within a region and sex. */
export const teamKey = (t: TeamInput): string => `${t.regionId}|${t.sex}|${t.name}`;

// $1 names, $2 region ids, $3 sexes
const UPSERT_TEAMS = `
  INSERT INTO teams (name, region_id, sex)
  SELECT * FROM unnest($1::text[], $2::int[], $3::smallint[])
  ON CONFLICT (region_id, sex, name) DO NOTHING`;
// $1 names, $2 region ids, $3 sexes
const SELECT_TEAM_IDS = `
  SELECT t.id, t.name, t.region_id, t.sex
  FROM teams t JOIN unnest($1::text[], $2::int[], $3::smallint[]) AS k(name, region_id, sex)
    ON t.name = k.name AND t.region_id = k.region_id AND t.sex = k.sex`;

/** Creates missing teams; returns teamKey → id for all given. */
export async function upsertTeams(q: Queryable, teams: readonly TeamInput[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (teams.length === 0) return ids;
  const params = [teams.map((t) => t.name), teams.map((t) => t.regionId), teams.map((t) => t.sex)];
  await q.query(UPSERT_TEAMS, params);
  const rows = await q.query<{ id: number; name: string; region_id: number; sex: number }>(
    SELECT_TEAM_IDS,
    params,
  );
  for (const r of rows) ids.set(teamKey({ name: r.name, regionId: r.region_id, sex: r.sex as Sex }), r.id);
  return ids;
}

export interface MatchInput extends MatchFacts {
  readonly source: string;
  readonly sourceKey: string;
  readonly regionId: number;
  readonly homeTeamId: number;
  readonly awayTeamId: number;
}

export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

export interface MatchWrite {
  readonly matchId: number;
  readonly outcome: WriteOutcome;
}

// $2 source_key, $3 region_id, $6 sex, $7 start (epoch seconds), $8 home_team_id, $9 away_team_id,
// $10 home_score, $11 away_score; source, competition, season and status as dictionaries ($1, $4, $5, $12)
// with per-row indexes ($13, $14, $15, $16), see array-params.ts. Source keys must be unique
// within one call. Rows identical to what is stored are filtered out by a read-only join before the INSERT:
// an ON CONFLICT that finds nothing to change would still lock (and so write) every row it visits. A stored
// result is never replaced by a fixture, scheduled or overdue (a fixtures file behind the results lists a played
// match).
const UPSERT_MATCHES = `
  WITH input AS (
    SELECT ($1::text[])[source_i] AS source, source_key, region_id, ($4::text[])[competition_i] AS competition,
           ($5::text[])[season_i] AS season, sex::smallint AS sex, to_timestamp(start_s) AS start_time_utc,
           home_team_id, away_team_id, home_score, away_score, ($12::text[])[status_i] AS status
    FROM unnest($13::int[], $2::text[], $3::int[], $14::int[], $15::int[], $6::int[], $7::int8[],
                $8::int[], $9::int[], $10::int[], $11::int[], $16::int[])
      AS t(source_i, source_key, region_id, competition_i, season_i, sex, start_s,
           home_team_id, away_team_id, home_score, away_score, status_i)
  ), existing AS (
    SELECT i.source_key, m.match_id, m.status AS stored_status,
           (m.source, m.region_id, m.competition, m.season, m.sex, m.start_time_utc, m.home_team_id,
            m.away_team_id, m.home_score, m.away_score, m.status)
             IS NOT DISTINCT FROM
           (i.source, i.region_id, i.competition, i.season, i.sex, i.start_time_utc, i.home_team_id,
            i.away_team_id, i.home_score, i.away_score, i.status) AS same
    FROM input i
    JOIN LATERAL (SELECT * FROM matches m WHERE m.source_key = i.source_key LIMIT 1) AS m ON true
  ), written AS (
    INSERT INTO matches AS m (source, source_key, region_id, competition, season, sex, start_time_utc,
                              home_team_id, away_team_id, home_score, away_score, status)
    SELECT i.* FROM input i LEFT JOIN existing e ON e.source_key = i.source_key
    WHERE e.same IS NOT TRUE
      AND (COALESCE(e.stored_status, '') <> 'finished' OR i.status NOT IN ('scheduled', 'postponed'))
    ON CONFLICT (source_key) DO UPDATE SET
      source = EXCLUDED.source, region_id = EXCLUDED.region_id, competition = EXCLUDED.competition,
      season = EXCLUDED.season, sex = EXCLUDED.sex, start_time_utc = EXCLUDED.start_time_utc,
      home_team_id = EXCLUDED.home_team_id, away_team_id = EXCLUDED.away_team_id,
      home_score = EXCLUDED.home_score, away_score = EXCLUDED.away_score, status = EXCLUDED.status,
      updated_at = now()
    RETURNING m.match_id, m.source_key, (m.xmax = 0) AS inserted
  )
  SELECT i.source_key, COALESCE(w.match_id, e.match_id) AS match_id,
         CASE WHEN w.match_id IS NULL THEN 'unchanged' WHEN w.inserted THEN 'inserted' ELSE 'updated' END AS outcome
  FROM input i
  LEFT JOIN written w ON w.source_key = i.source_key
  LEFT JOIN existing e ON e.source_key = i.source_key`;

/** Inserts new matches and updates changed ones; returns, per source key, its match_id and what happened. */
export async function upsertMatches(
  q: Queryable,
  matches: readonly MatchInput[],
): Promise<Map<string, MatchWrite>> {
  const result = new Map<string, MatchWrite>();
  if (matches.length === 0) return result;
  const source = dictionaryEncode(matches.map((m) => m.source));
  const competition = dictionaryEncode(matches.map((m) => m.competition));
  const season = dictionaryEncode(matches.map((m) => m.season));
  const status = dictionaryEncode(matches.map((m) => m.status));
  const ints = (pick: (m: MatchInput) => number | null) => integerArrayLiteral(matches.map(pick));
  const rows = await q.query<{ source_key: string; match_id: number; outcome: WriteOutcome }>(
    UPSERT_MATCHES,
    [
      source.values,
      matches.map((m) => m.sourceKey),
      ints((m) => m.regionId),
      competition.values,
      season.values,
      ints((m) => m.sex),
      ints((m) => Math.floor(m.startTimeMs / 1000)),
      ints((m) => m.homeTeamId),
      ints((m) => m.awayTeamId),
      ints((m) => m.homeScore),
      ints((m) => m.awayScore),
      status.values,
      source.indexes,
      competition.indexes,
      season.indexes,
      status.indexes,
    ],
  );
  for (const r of rows) result.set(r.source_key, { matchId: Number(r.match_id), outcome: r.outcome });
  return result;
}

export interface OddsInput {
  readonly matchId: number;
  readonly bookmaker: string;
  readonly kind: 'opening' | 'closing' | 'snapshot';
  readonly home: number;
  readonly draw: number;
  readonly away: number;
}

export interface OddsWriteCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Prices differing from stored ones that were on offer before kick-off, which are kept (REPLACEABLE_PRICE). */
  readonly kept: number;
}

/**
 * A match whose prices were written while its kick-off was still ahead (by the writer's clock) is marked
 * `prices_seen_before_kickoff` (migration 0016): those prices were on offer then, and the track record bets at
 * them. Its undated prices are replaced only while its kick-off is still ahead (a fixtures file updated during
 * the week, a postponed match's new prices), never by a file pulled after kick-off listing other values: a
 * results file cannot rewrite what was on offer. A match whose prices were first written after kick-off (a
 * history imported after the fact) stays correctable. The ON CONFLICT condition for a target aliased `o`; $9: the
 * ids of the statement's matches still to kick off.
 */
export const REPLACEABLE_PRICE = `o.match_id = ANY($9::int8[])
  OR NOT (SELECT m.prices_seen_before_kickoff FROM matches m WHERE m.match_id = o.match_id)`;

/** Marks the matches whose prices were just written before their kick-off (see REPLACEABLE_PRICE). */
export async function markPricesSeenBeforeKickoff(q: Queryable, matchIds: readonly number[]): Promise<void> {
  if (matchIds.length === 0) return;
  await q.query(
    `UPDATE matches SET prices_seen_before_kickoff = true
     WHERE match_id = ANY($1::int8[]) AND NOT prices_seen_before_kickoff`,
    [integerArrayLiteral(matchIds)],
  );
}

// $1 match ids, $4 $5 $6 prices × PRICE_SCALE; bookmaker and kind as dictionaries ($2, $3) with per-row
// indexes ($7, $8), see array-params.ts.
const ODDS_INPUT = `
  SELECT match_id, ($2::text[])[b] AS bookmaker, ($3::text[])[k] AS kind, h::float8 / ${PRICE_SCALE} AS odd_home,
         d::float8 / ${PRICE_SCALE} AS odd_draw, a::float8 / ${PRICE_SCALE} AS odd_away
  FROM unnest($1::int8[], $7::int[], $8::int[], $4::int8[], $5::int8[], $6::int8[]) AS u(match_id, b, k, h, d, a)`;

// Parameters as ODDS_INPUT. Prices without a collection time (collected_at NULL): one row per match,
// bookmaker and kind. Identical rows are filtered out first (see UPSERT_MATCHES for why). The lookup is a
// LATERAL … LIMIT 1 so it stays an index probe per row: as NOT EXISTS the planner may hash the whole odds
// table for every statement, which made a re-import of 2.3 M prices take minutes.
const UPSERT_ODDS = `
  WITH changed AS MATERIALIZED (
    SELECT i.*, s.odd_home IS NOT NULL AS stored
    FROM (${ODDS_INPUT}) AS i
    LEFT JOIN LATERAL (
      SELECT s.odd_home, s.odd_draw, s.odd_away FROM odds s
      WHERE s.match_id = i.match_id AND s.bookmaker = i.bookmaker AND s.kind = i.kind AND s.collected_at IS NULL
      LIMIT 1
    ) AS s ON true
    WHERE s.odd_home IS NULL
       OR (s.odd_home, s.odd_draw, s.odd_away) IS DISTINCT FROM (i.odd_home, i.odd_draw, i.odd_away)
  ), written AS (
    INSERT INTO odds AS o (match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
    SELECT match_id, bookmaker, kind, odd_home, odd_draw, odd_away FROM changed
    ON CONFLICT (match_id, bookmaker, kind, collected_at) DO UPDATE SET
      odd_home = EXCLUDED.odd_home, odd_draw = EXCLUDED.odd_draw, odd_away = EXCLUDED.odd_away
      WHERE ${REPLACEABLE_PRICE}
    RETURNING (o.xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
         (SELECT count(*) FROM changed WHERE stored)::int AS differing
  FROM written`;

// Parameters as ODDS_INPUT.
const INSERT_ODDS = `
  INSERT INTO odds (match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
  ${ODDS_INPUT}`;

function oddsParams(odds: readonly OddsInput[]): unknown[] {
  const bookmaker = dictionaryEncode(odds.map((o) => o.bookmaker));
  const kind = dictionaryEncode(odds.map((o) => o.kind));
  return [
    integerArrayLiteral(odds.map((o) => o.matchId)),
    bookmaker.values,
    kind.values,
    integerArrayLiteral(odds.map((o) => scaledPrice(o.home))),
    integerArrayLiteral(odds.map((o) => scaledPrice(o.draw))),
    integerArrayLiteral(odds.map((o) => scaledPrice(o.away))),
    bookmaker.indexes,
    kind.indexes,
  ];
}

/** True when the session may switch off trigger-based checks (superuser: PGlite, a local server). */
export async function canSkipTriggers(q: Queryable): Promise<boolean> {
  const [row] = await q.query<{ on: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS on`);
  return row?.on === true;
}

/**
 * Runs `fn` with trigger-based checks — the per-row foreign-key triggers, half the cost of a bulk load — off
 * for this transaction (when `skip`), then back on. Only for writes whose references are known to exist:
 * ids created or read earlier in the same transaction, of rows Matchcast never deletes.
 */
export async function withForeignKeyChecksOff<T>(
  q: Queryable,
  skip: boolean,
  fn: () => Promise<T>,
): Promise<T> {
  if (!skip) return fn();
  await q.exec('SET LOCAL session_replication_role = replica');
  // Not in a `finally`: after a failed statement the transaction is aborted, so the reset would fail too and its
  // error ("current transaction is aborted") would hide the one that matters. The rollback undoes the SET LOCAL.
  const result = await fn();
  await q.exec('SET LOCAL session_replication_role = origin');
  return result;
}

/**
 * Plain inserts for prices of matches inserted earlier in the same transaction: they cannot conflict, and
 * their match rows, still uncommitted, cannot have been deleted by anyone, so the foreign-key check is
 * skipped when the session may (`skipForeignKeyChecks`).
 */
export async function insertOddsOfNewMatches(
  q: Queryable,
  odds: readonly OddsInput[],
  skipForeignKeyChecks: boolean,
): Promise<number> {
  if (odds.length === 0) return 0;
  await withForeignKeyChecksOff(q, skipForeignKeyChecks, () => q.query(INSERT_ODDS, oddsParams(odds)));
  return odds.length;
}

/**
 * Runs an upsert of `total` prices written on REPLACEABLE_PRICE (its $9: `upcoming`, the ids of matches whose
 * kick-off is ahead) that returns inserted, updated and differing (stored with other values) rows, and counts them.
 */
export async function upsertPrices(
  q: Queryable,
  sql: string,
  params: () => unknown[],
  total: number,
  upcoming: readonly number[],
): Promise<OddsWriteCounts> {
  if (total === 0) return { inserted: 0, updated: 0, unchanged: 0, kept: 0 };
  const [row] = await q.query<{ inserted: number; updated: number; differing: number }>(sql, [
    ...params(),
    integerArrayLiteral(upcoming),
  ]);
  const inserted = row?.inserted ?? 0;
  const updated = row?.updated ?? 0;
  return { inserted, updated, unchanged: total - inserted - updated, kept: (row?.differing ?? 0) - updated };
}

/**
 * Inserts new prices and updates changed ones (rows must be unique per match, bookmaker and kind), except those on
 * offer before a kick-off now past (REPLACEABLE_PRICE); `upcoming`: the ids of matches whose kick-off is ahead.
 */
export function upsertOdds(
  q: Queryable,
  odds: readonly OddsInput[],
  upcoming: readonly number[],
): Promise<OddsWriteCounts> {
  return upsertPrices(q, UPSERT_ODDS, () => oddsParams(odds), odds.length, upcoming);
}

/** A price with the time it was seen (a dated observation: the demo's price moves). */
export interface DatedOddsInput extends OddsInput {
  readonly collectedAtMs: number;
}

// $1..$8 as ODDS_INPUT, $9 collection times in ms since the epoch. An observation is written once and never
// changes, so a row already stored under the same key is left alone.
const INSERT_DATED_ODDS = `
  WITH written AS (
    INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
    SELECT match_id, ($2::text[])[b], ($3::text[])[k], 'epoch'::timestamptz + t * interval '1 millisecond',
           h::float8 / ${PRICE_SCALE}, d::float8 / ${PRICE_SCALE}, a::float8 / ${PRICE_SCALE}
    FROM unnest($1::int8[], $7::int[], $8::int[], $4::int8[], $5::int8[], $6::int8[], $9::int8[])
      AS u(match_id, b, k, h, d, a, t)
    ON CONFLICT (match_id, bookmaker, kind, collected_at) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int AS inserted FROM written`;

/** Inserts the dated prices not stored yet; returns how many were new. */
export async function insertDatedOdds(q: Queryable, odds: readonly DatedOddsInput[]): Promise<number> {
  if (odds.length === 0) return 0;
  const [row] = await q.query<{ inserted: number }>(INSERT_DATED_ODDS, [
    ...oddsParams(odds),
    integerArrayLiteral(odds.map((o) => o.collectedAtMs)),
  ]);
  return row?.inserted ?? 0;
}

// Bulk loading into an empty odds table -------------------------------------------------------------------

/** True when `odds` holds no row: an import may then load it with its unique index dropped and rebuilt. */
/** The tables a football-data import writes. */
const IMPORTED_TABLES = ['regions', 'teams', 'matches', 'odds', 'odds_over_under', 'match_stats'] as const;

/**
 * Fresh planner statistics after an import changed rows. Without them PostgreSQL (before autovacuum's analyze, or
 * with autovacuum off) guessed about 11,600 prices a match on a just-imported history, planned each odds-history
 * read costly enough to JIT-compile it, and the API's first backtest track record spent 62 s reading prices it
 * reads in 14 s with statistics. Sampled, so under a second on the whole shared history.
 */
export async function refreshPlannerStatistics(q: Queryable): Promise<void> {
  await q.exec(`ANALYZE ${IMPORTED_TABLES.join(', ')}`);
}

export async function oddsTableIsEmpty(q: Queryable): Promise<boolean> {
  const [row] = await q.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM odds) AS empty');
  return row?.empty === true;
}

export interface ConstraintDefinition {
  readonly name: string;
  readonly definition: string;
}

// The unique constraints of the odds table (in the current schema) with the SQL that re-creates them.
const SELECT_ODDS_UNIQUE = `
  SELECT conname AS name, pg_get_constraintdef(oid) AS definition
  FROM pg_constraint WHERE conrelid = 'odds'::regclass AND contype = 'u'`;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Drops the odds table's unique constraints for a bulk load and returns how to re-create them. Maintaining
 * that B-tree row by row is about two thirds of the cost of inserting a price; building it once at the end
 * is a single sort. Call only inside the transaction that will also re-create them (DDL is transactional, so
 * a failed import rolls the drop back too); other sessions wait on the table until it commits.
 */
export async function dropOddsUniqueConstraints(q: Queryable): Promise<ConstraintDefinition[]> {
  const constraints = await q.query<{ name: string; definition: string }>(SELECT_ODDS_UNIQUE);
  for (const c of constraints) await q.exec(`ALTER TABLE odds DROP CONSTRAINT ${quoteIdent(c.name)}`);
  return constraints;
}

export async function restoreOddsConstraints(
  q: Queryable,
  constraints: readonly ConstraintDefinition[],
): Promise<void> {
  for (const c of constraints)
    await q.exec(`ALTER TABLE odds ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`);
}

// Parameters as ODDS_INPUT: removes the stored rows of the same match, bookmaker and kind.
const DELETE_SAME_ODDS = `
  WITH deleted AS (
    DELETE FROM odds o USING (${ODDS_INPUT}) AS i
    WHERE o.match_id = i.match_id AND o.bookmaker = i.bookmaker AND o.kind = i.kind AND o.collected_at IS NULL
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM deleted`;

/**
 * Without the unique index there is no ON CONFLICT: prices of a match written earlier in the same bulk load
 * (one match listed in two files) replace the earlier rows instead. Replaced rows count as updated.
 */
export async function replaceOdds(q: Queryable, odds: readonly OddsInput[]): Promise<OddsWriteCounts> {
  if (odds.length === 0) return { inserted: 0, updated: 0, unchanged: 0, kept: 0 };
  const params = oddsParams(odds);
  const [deleted] = await q.query<{ n: number }>(DELETE_SAME_ODDS, params);
  await q.query(INSERT_ODDS, params);
  const updated = deleted?.n ?? 0;
  return { inserted: odds.length - updated, updated, unchanged: 0, kept: 0 };
}

// Match statistics ----------------------------------------------------------------------------------------

/** One match's statistics, as stored in match_stats. */
export interface MatchStatsInput extends MatchStats {
  readonly matchId: number;
}

// $1 match ids, $2…$7 the six counts, $8 $9 expected goals in hundredths (NULL where blank). Rows identical to
// what is stored are filtered out first (see UPSERT_MATCHES for why), so a re-import writes nothing. Match ids
// must be unique within a call.
const UPSERT_MATCH_STATS = `
  WITH written AS (
    INSERT INTO match_stats AS s (match_id, home_shots, away_shots, home_shots_target, away_shots_target,
                                  home_corners, away_corners, home_xg, away_xg)
    SELECT i.match_id, i.hs, i.aws, i.hst, i.ast, i.hc, i.ac, i.hxg / 100.0, i.axg / 100.0
    FROM unnest($1::int8[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])
      AS i(match_id, hs, aws, hst, ast, hc, ac, hxg, axg)
    LEFT JOIN LATERAL (SELECT * FROM match_stats e WHERE e.match_id = i.match_id LIMIT 1) AS e ON true
    WHERE e.match_id IS NULL
       OR (e.home_shots, e.away_shots, e.home_shots_target, e.away_shots_target, e.home_corners, e.away_corners,
           e.home_xg, e.away_xg)
            IS DISTINCT FROM (i.hs, i.aws, i.hst, i.ast, i.hc, i.ac, i.hxg / 100.0, i.axg / 100.0)
    ON CONFLICT (match_id) DO UPDATE SET
      home_shots = EXCLUDED.home_shots, away_shots = EXCLUDED.away_shots,
      home_shots_target = EXCLUDED.home_shots_target, away_shots_target = EXCLUDED.away_shots_target,
      home_corners = EXCLUDED.home_corners, away_corners = EXCLUDED.away_corners,
      home_xg = EXCLUDED.home_xg, away_xg = EXCLUDED.away_xg
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM written`;

/** Inserts or updates the statistics of the given matches; returns how many rows were written. */
export async function upsertMatchStats(q: Queryable, stats: readonly MatchStatsInput[]): Promise<number> {
  if (stats.length === 0) return 0;
  const ints = (pick: (s: MatchStatsInput) => number | null) => integerArrayLiteral(stats.map(pick));
  const [row] = await q.query<{ n: number }>(UPSERT_MATCH_STATS, [
    ints((s) => s.matchId),
    ints((s) => s.homeShots),
    ints((s) => s.awayShots),
    ints((s) => s.homeShotsTarget),
    ints((s) => s.awayShotsTarget),
    ints((s) => s.homeCorners),
    ints((s) => s.awayCorners),
    ints((s) => (s.homeXg === null ? null : s.homeXg * 100)),
    ints((s) => (s.awayXg === null ? null : s.awayXg * 100)),
  ]);
  return row?.n ?? 0;
}
