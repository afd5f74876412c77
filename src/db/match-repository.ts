/** Reading matches and odds for modelling: time-ordered MatchRecords and every stored 1X2 price. */
import type { MatchRecord, MatchStatus, Sex } from '../domain/match.ts';
import type { Db } from './db.ts';

// Kick-off order, ties broken by match_id so every run sees the same sequence.
const SELECT_MATCH_RECORDS = `
  SELECT match_id, region_id, competition, season, sex, start_time_utc, home_team_id, away_team_id,
         home_score, away_score, status
  FROM matches
  ORDER BY start_time_utc, match_id`;

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

const SELECT_ODDS = `
  SELECT match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away, url
  FROM odds
  ORDER BY match_id, bookmaker, kind, collected_at`;

/** Every stored 1X2 price. */
export async function loadOdds(db: Db): Promise<StoredOdds[]> {
  const rows = await db.query<{
    match_id: number;
    bookmaker: string;
    kind: StoredOdds['kind'];
    collected_at: Date | null;
    odd_home: number;
    odd_draw: number;
    odd_away: number;
    url: string | null;
  }>(SELECT_ODDS);
  return rows.map((r) => ({
    matchId: Number(r.match_id),
    bookmaker: r.bookmaker,
    kind: r.kind,
    collectedAt: r.collected_at,
    odds: [r.odd_home, r.odd_draw, r.odd_away] as const,
    url: r.url,
  }));
}
