/** Reading matches and odds for modelling: time-ordered MatchRecords and every stored 1X2 price. */
import type { MatchRecord, MatchStats, MatchStatus, Sex } from '../domain/match.ts';
import type { Db } from './db.ts';

// Kick-off order, ties broken by match_id so every run sees the same sequence. Statistics are optional.
const SELECT_MATCH_RECORDS = `
  SELECT m.match_id, m.region_id, m.competition, m.season, m.sex, m.start_time_utc, m.home_team_id,
         m.away_team_id, m.home_score, m.away_score, m.status, s.match_id IS NOT NULL AS has_stats,
         s.home_shots, s.away_shots, s.home_shots_target, s.away_shots_target, s.home_corners, s.away_corners
  FROM matches m LEFT JOIN match_stats s ON s.match_id = m.match_id
  ORDER BY m.start_time_utc, m.match_id`;

interface MatchRow {
  [key: string]: unknown;
  match_id: number;
  region_id: number;
  competition: string;
  season: string;
  sex: number;
  start_time_utc: Date;
  home_team_id: number;
  away_team_id: number;
  home_score: number | null;
  away_score: number | null;
  status: MatchStatus;
  has_stats: boolean;
  home_shots: number | null;
  away_shots: number | null;
  home_shots_target: number | null;
  away_shots_target: number | null;
  home_corners: number | null;
  away_corners: number | null;
}

function statsOf(r: MatchRow): MatchStats | null {
  if (!r.has_stats) return null;
  return {
    homeShots: r.home_shots,
    awayShots: r.away_shots,
    homeShotsTarget: r.home_shots_target,
    awayShotsTarget: r.away_shots_target,
    homeCorners: r.home_corners,
    awayCorners: r.away_corners,
  };
}

/** Every match in kick-off order. */
export async function loadMatchRecords(db: Db): Promise<MatchRecord[]> {
  const rows = await db.query<MatchRow>(SELECT_MATCH_RECORDS);
  return rows.map((r) => ({
    matchId: Number(r.match_id),
    regionId: r.region_id,
    competition: r.competition,
    season: r.season,
    sex: r.sex as Sex,
    startTimeMs: r.start_time_utc.getTime(),
    homeTeamId: r.home_team_id,
    awayTeamId: r.away_team_id,
    homeScore: r.home_score,
    awayScore: r.away_score,
    status: r.status,
    stats: statsOf(r),
  }));
}

export interface StoredOdds {
  readonly matchId: number;
  readonly bookmaker: string;
  readonly kind: 'opening' | 'closing' | 'snapshot';
  readonly collectedAt: Date | null;
  readonly odds: readonly [number, number, number];
  readonly url: string | null;
}

// Prices of the given books and kinds only: $1 bookmaker names, $2 kinds (parallel arrays).
const SELECT_ODDS_OF = `
  SELECT o.match_id, o.bookmaker, o.kind, o.collected_at, o.odd_home, o.odd_draw, o.odd_away, o.url
  FROM odds o JOIN unnest($1::text[], $2::text[]) AS pref (bookmaker, kind)
    ON pref.bookmaker = o.bookmaker AND pref.kind = o.kind`;

/** The stored 1X2 prices of the given [bookmaker, kind] pairs. */
export async function loadOddsOf(
  db: Db,
  books: readonly (readonly [string, StoredOdds['kind']])[],
): Promise<StoredOdds[]> {
  const rows = await db.query<{
    match_id: number;
    bookmaker: string;
    kind: StoredOdds['kind'];
    collected_at: Date | null;
    odd_home: number;
    odd_draw: number;
    odd_away: number;
    url: string | null;
  }>(SELECT_ODDS_OF, [books.map(([book]) => book), books.map(([, kind]) => kind)]);
  return rows.map((r) => ({
    matchId: Number(r.match_id),
    bookmaker: r.bookmaker,
    kind: r.kind,
    collectedAt: r.collected_at,
    odds: [r.odd_home, r.odd_draw, r.odd_away] as const,
    url: r.url,
  }));
}

/** Region id → name, for reports per league. */
export async function loadRegionNames(db: Db): Promise<Map<number, string>> {
  const rows = await db.query<{ id: number; name: string }>('SELECT id, name FROM regions');
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
