/**
 * Bulk writes for importers: regions, teams, matches and odds as multi-row upserts over `unnest` arrays, so a
 * batch of thousands of rows is one statement. Every upsert only touches a row whose values really differ,
 * so re-importing the same data changes nothing (no `updated_at` churn) and `match_id` stays put.
 */
import type { MatchStatus, Sex } from '../domain/match.ts';
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

export interface MatchInput {
  readonly source: string;
  readonly sourceKey: string;
  readonly regionId: number;
  readonly competition: string;
  readonly season: string;
  readonly sex: Sex;
  readonly startTimeMs: number;
  readonly homeTeamId: number;
  readonly awayTeamId: number;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
  readonly status: MatchStatus;
}

export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

export interface MatchWrite {
  readonly matchId: number;
  readonly outcome: WriteOutcome;
}

// $1 source, $2 source_key, $3 region_id, $4 competition, $5 season, $6 sex, $7 start (epoch ms),
// $8 home_team_id, $9 away_team_id, $10 home_score, $11 away_score, $12 status. Source keys must be unique
// within one call. Rows identical to what is stored are filtered out by a read-only join before the INSERT:
// an ON CONFLICT that finds nothing to change would still lock (and so write) every row it visits.
const UPSERT_MATCHES = `
  WITH input AS (
    SELECT source, source_key, region_id, competition, season, sex,
           to_timestamp(start_ms / 1000.0) AS start_time_utc,
           home_team_id, away_team_id, home_score, away_score, status
    FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::smallint[], $7::float8[],
                $8::int[], $9::int[], $10::int[], $11::int[], $12::text[])
      AS t(source, source_key, region_id, competition, season, sex, start_ms,
           home_team_id, away_team_id, home_score, away_score, status)
  ), existing AS (
    SELECT i.source_key, m.match_id,
           (m.source, m.region_id, m.competition, m.season, m.sex, m.start_time_utc, m.home_team_id,
            m.away_team_id, m.home_score, m.away_score, m.status)
             IS NOT DISTINCT FROM
           (i.source, i.region_id, i.competition, i.season, i.sex, i.start_time_utc, i.home_team_id,
            i.away_team_id, i.home_score, i.away_score, i.status) AS same
    FROM input i JOIN matches m ON m.source_key = i.source_key
  ), written AS (
    INSERT INTO matches AS m (source, source_key, region_id, competition, season, sex, start_time_utc,
                              home_team_id, away_team_id, home_score, away_score, status)
    SELECT i.* FROM input i LEFT JOIN existing e ON e.source_key = i.source_key
    WHERE e.same IS NOT TRUE
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
  const rows = await q.query<{ source_key: string; match_id: number; outcome: WriteOutcome }>(
    UPSERT_MATCHES,
    [
      matches.map((m) => m.source),
      matches.map((m) => m.sourceKey),
      matches.map((m) => m.regionId),
      matches.map((m) => m.competition),
      matches.map((m) => m.season),
      matches.map((m) => m.sex),
      matches.map((m) => m.startTimeMs),
      matches.map((m) => m.homeTeamId),
      matches.map((m) => m.awayTeamId),
      matches.map((m) => m.homeScore),
      matches.map((m) => m.awayScore),
      matches.map((m) => m.status),
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
}

// $1 match_id, $2 bookmaker, $3 kind, $4 home, $5 draw, $6 away. Prices without a collection time
// (collected_at NULL): one row per match, bookmaker and kind. Identical rows are filtered out first (see
// UPSERT_MATCHES for why).
const UPSERT_ODDS = `
  WITH written AS (
    INSERT INTO odds AS o (match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
    SELECT i.* FROM unnest($1::bigint[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[])
      AS i(match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
    WHERE NOT EXISTS (
      SELECT 1 FROM odds s
      WHERE s.match_id = i.match_id AND s.bookmaker = i.bookmaker AND s.kind = i.kind AND s.collected_at IS NULL
        AND (s.odd_home, s.odd_draw, s.odd_away) IS NOT DISTINCT FROM (i.odd_home, i.odd_draw, i.odd_away))
    ON CONFLICT (match_id, bookmaker, kind, collected_at) DO UPDATE SET
      odd_home = EXCLUDED.odd_home, odd_draw = EXCLUDED.odd_draw, odd_away = EXCLUDED.odd_away
    RETURNING (o.xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
  FROM written`;

// $1 match_id, $2 bookmaker, $3 kind, $4 home, $5 draw, $6 away
const INSERT_ODDS = `
  INSERT INTO odds (match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[])`;

const oddsParams = (odds: readonly OddsInput[]) => [
  odds.map((o) => o.matchId),
  odds.map((o) => o.bookmaker),
  odds.map((o) => o.kind),
  odds.map((o) => o.home),
  odds.map((o) => o.draw),
  odds.map((o) => o.away),
];

/** True when the session may switch off trigger-based checks (superuser: PGlite, a local server). */
export async function canSkipTriggers(q: Queryable): Promise<boolean> {
  const [row] = await q.query<{ on: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS on`);
  return row?.on === true;
}

/**
 * Plain inserts for prices of matches inserted earlier in the same transaction: they cannot conflict, and
 * their match rows, still uncommitted, cannot have been deleted by anyone. With \`skipForeignKeyChecks\` the
 * per-row foreign-key trigger (half the cost of a bulk load) is switched off for this statement only.
 */
export async function insertOddsOfNewMatches(
  q: Queryable,
  odds: readonly OddsInput[],
  skipForeignKeyChecks: boolean,
): Promise<number> {
  if (odds.length === 0) return 0;
  if (skipForeignKeyChecks) await q.exec('SET LOCAL session_replication_role = replica');
  try {
    await q.query(INSERT_ODDS, oddsParams(odds));
  } finally {
    if (skipForeignKeyChecks) await q.exec('SET LOCAL session_replication_role = origin');
  }
  return odds.length;
}

/** Inserts new prices and updates changed ones (rows must be unique per match, bookmaker and kind). */
export async function upsertOdds(q: Queryable, odds: readonly OddsInput[]): Promise<OddsWriteCounts> {
  if (odds.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const [row] = await q.query<{ inserted: number; updated: number }>(UPSERT_ODDS, oddsParams(odds));
  const inserted = row?.inserted ?? 0;
  const updated = row?.updated ?? 0;
  return { inserted, updated, unchanged: odds.length - inserted - updated };
}
