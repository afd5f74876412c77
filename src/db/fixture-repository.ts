/**
 * Upcoming fixtures from the provider's fixtures files: which team names the database has never seen, and
 * fixtures that moved or vanished, marked `postponed` (their logged predictions stay; they are never graded against a match of
 * another date, which is another row).
 */
import type { Queryable } from './db.ts';

export interface TeamName {
  readonly regionCode: string;
  readonly sex: number;
  readonly name: string;
}

// $1 region codes, $2 sexes, $3 names
const SELECT_KNOWN_TEAMS = `
  SELECT k.code, k.sex, k.name
  FROM unnest($1::text[], $2::smallint[], $3::text[]) AS k(code, sex, name)
  JOIN regions r ON r.code = k.code
  JOIN teams t ON t.region_id = r.id AND t.sex = k.sex AND t.name = k.name`;

/** The names among `teams` that no team of their region and sex has yet. */
export async function unknownTeamNames(q: Queryable, teams: readonly TeamName[]): Promise<TeamName[]> {
  if (teams.length === 0) return [];
  const rows = await q.query<{ code: string; sex: number; name: string }>(SELECT_KNOWN_TEAMS, [
    teams.map((t) => t.regionCode),
    teams.map((t) => t.sex),
    teams.map((t) => t.name),
  ]);
  const known = new Set(rows.map((r) => `${r.code}|${r.sex}|${r.name}`));
  return teams.filter((t) => !known.has(`${t.regionCode}|${t.sex}|${t.name}`));
}

// $1 source-key prefixes (one per league, e.g. 'football-data|E0|'), $2 window start, $3 window end, $4 keys
// still listed.
const POSTPONE_VANISHED = `
  UPDATE matches SET status = 'postponed', updated_at = now()
  WHERE status = 'scheduled' AND EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE starts_with(source_key, p))
    AND start_time_utc >= $2 AND start_time_utc <= $3 AND NOT (source_key = ANY($4::text[]))
  RETURNING match_id`;

/**
 * Fixtures of the leagues and window a fixtures file covers (its first to its last kick-off) that the file no
 * longer lists: moved to another date or called off. Returns how many were marked.
 */
export async function postponeVanishedFixtures(
  q: Queryable,
  sourcePrefixes: readonly string[],
  window: { readonly from: Date; readonly to: Date },
  listed: readonly string[],
): Promise<number> {
  const rows = await q.query(POSTPONE_VANISHED, [sourcePrefixes, window.from, window.to, listed]);
  return rows.length;
}

// $1 source-key prefix, $2 kick-off before which a scheduled match without a result is overdue.
const POSTPONE_OVERDUE = `
  UPDATE matches SET status = 'postponed', updated_at = now()
  WHERE status = 'scheduled' AND starts_with(source_key, $1) AND start_time_utc < $2
  RETURNING match_id`;

/** Scheduled matches whose kick-off passed before `before` and that still have no result. */
export async function postponeOverdueFixtures(
  q: Queryable,
  sourcePrefix: string,
  before: Date,
): Promise<number> {
  const rows = await q.query(POSTPONE_OVERDUE, [sourcePrefix, before]);
  return rows.length;
}
