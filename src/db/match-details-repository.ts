/** Match metadata that rides along in the prediction artifact, so the API needs no join at request time. */
import { integerArrayLiteral } from './array-params.ts';
import type { Db } from './db.ts';
import { readAllInPages } from './paged-read.ts';

export interface MatchDetails {
  readonly matchId: number;
  readonly homeTeamName: string;
  readonly awayTeamName: string;
  readonly startTimeMs: number;
  readonly regionId: number;
  readonly regionName: string;
  readonly sex: number;
  readonly status: string;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
}

const SELECT_MATCH_DETAILS = `
  SELECT m.match_id, h.name AS home_team_name, a.name AS away_team_name, m.start_time_utc, m.region_id,
         r.name AS region_name, m.sex, m.status, m.home_score, m.away_score
  FROM matches m
  JOIN teams h ON h.id = m.home_team_id
  JOIN teams a ON a.id = m.away_team_id
  JOIN regions r ON r.id = m.region_id
  WHERE m.match_id = ANY($1::bigint[])`;

interface DetailsRow {
  [column: string]: unknown;
  match_id: number;
  home_team_name: string;
  away_team_name: string;
  start_time_utc: Date;
  region_id: number;
  region_name: string;
  sex: number;
  status: string;
  home_score: number | null;
  away_score: number | null;
}

/** The details of the matches given (those that exist), by match id: a daily step publishes a few thousand of a history's tens of thousands. */
export async function loadMatchDetails(
  db: Db,
  matchIds: Iterable<number>,
): Promise<Map<number, MatchDetails>> {
  const details = await readAllInPages(
    db,
    SELECT_MATCH_DETAILS,
    [integerArrayLiteral([...matchIds])],
    (r: DetailsRow): MatchDetails => ({
      matchId: Number(r.match_id),
      homeTeamName: r.home_team_name,
      awayTeamName: r.away_team_name,
      startTimeMs: r.start_time_utc.getTime(),
      regionId: r.region_id,
      regionName: r.region_name,
      sex: r.sex,
      status: r.status,
      homeScore: r.home_score,
      awayScore: r.away_score,
    }),
  );
  return new Map(details.map((d) => [d.matchId, d]));
}

export async function loadRegions(db: Db): Promise<{ id: number; name: string }[]> {
  return db.query<{ id: number; name: string }>('SELECT id, name FROM regions ORDER BY id');
}
