/** Matches for the livescores listing: one calendar year or month, newest kick-off first, paginated. */
import type { Db } from './db.ts';

export interface LivescoreQuery {
  readonly year: number;
  /** 1–12; undefined for the whole year. */
  readonly month?: number | undefined;
  /** undefined for no limit. */
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export interface LivescoreRow {
  readonly match_id: number;
  /** ISO 8601, UTC */
  readonly startTimeUtc: string;
  readonly homeTeamName: string;
  readonly awayTeamName: string;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
  readonly status: string;
  readonly region_id: number;
  readonly region_name: string;
  readonly sex: number;
}

// $1 from (inclusive), $2 to (exclusive), $3 limit (NULL = all), $4 offset. Ties broken by match_id so pages
// never overlap.
const SELECT_LIVESCORES = `
  SELECT m.match_id, m.start_time_utc AS "startTimeUtc", h.name AS "homeTeamName", a.name AS "awayTeamName",
         m.home_score AS "homeScore", m.away_score AS "awayScore", m.status, m.region_id,
         r.name AS region_name, m.sex
  FROM matches m
  JOIN teams h ON h.id = m.home_team_id
  JOIN teams a ON a.id = m.away_team_id
  JOIN regions r ON r.id = m.region_id
  WHERE m.start_time_utc >= $1 AND m.start_time_utc < $2
  ORDER BY m.start_time_utc DESC, m.match_id DESC
  LIMIT $3 OFFSET $4`;

/** The [from, to) window of a year or of one month of it, in UTC. */
export function livescoreWindow(year: number, month?: number): { from: Date; to: Date } {
  if (month === undefined)
    return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
  return { from: new Date(Date.UTC(year, month - 1, 1)), to: new Date(Date.UTC(year, month, 1)) };
}

export async function listLivescores(db: Db, query: LivescoreQuery): Promise<LivescoreRow[]> {
  const { from, to } = livescoreWindow(query.year, query.month);
  const rows = await db.query<{
    match_id: number;
    startTimeUtc: Date;
    homeTeamName: string;
    awayTeamName: string;
    homeScore: number | null;
    awayScore: number | null;
    status: string;
    region_id: number;
    region_name: string;
    sex: number;
  }>(SELECT_LIVESCORES, [from.toISOString(), to.toISOString(), query.limit ?? null, query.offset ?? 0]);
  return rows.map((r) => ({
    ...r,
    match_id: Number(r.match_id),
    startTimeUtc: new Date(r.startTimeUtc).toISOString(),
    sex: Number(r.sex),
  }));
}
