/** Reading matches and odds for modelling: time-ordered MatchRecords and every stored 1X2 price. */
import type { MatchRecord, MatchStats, MatchStatus, Sex } from '../domain/match.ts';
import { integerArrayLiteral } from './array-params.ts';
import type { Db } from './db.ts';
import { type MatchChangeMark, matchChangesSince } from './match-changes.ts';
import { readAllInPages, readInPages } from './paged-read.ts';

// Kick-off order, ties broken by match_id so every run sees the same sequence. Statistics are optional.
const SELECT_RECORDS = `
  SELECT m.match_id, m.region_id, m.competition, m.season, m.sex, m.start_time_utc, m.home_team_id,
         m.away_team_id, m.home_score, m.away_score, m.status, s.match_id IS NOT NULL AS has_stats,
         s.home_shots, s.away_shots, s.home_shots_target, s.away_shots_target, s.home_corners, s.away_corners,
         s.home_xg, s.away_xg
  FROM matches m LEFT JOIN match_stats s ON s.match_id = m.match_id`;
const SELECT_MATCH_RECORDS = `${SELECT_RECORDS} ORDER BY m.start_time_utc, m.match_id`;
// $1: the match ids (an integer array literal).
const SELECT_MATCH_RECORDS_OF = `${SELECT_RECORDS} WHERE m.match_id = ANY($1::bigint[])`;

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
  home_xg: number | null;
  away_xg: number | null;
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
    homeXg: r.home_xg,
    awayXg: r.away_xg,
  };
}

function toMatchRecord(r: MatchRow): MatchRecord {
  return {
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
  };
}

/** Every match in kick-off order (read in pages, paged-read.ts). */
export function loadMatchRecords(db: Db): Promise<MatchRecord[]> {
  return readAllInPages(db, SELECT_MATCH_RECORDS, [], toMatchRecord);
}

/** Every match as of one read, and what that read saw, to be handed back to the next incremental load. */
export interface MatchRecords {
  /** Kick-off order, ties by match id (as loadMatchRecords). */
  readonly records: readonly MatchRecord[];
  /** The statistics' change mark of the read (matches' own rows are covered by it too). */
  readonly mark: MatchChangeMark;
  /** Matches read again in this load; null when it was a full load. */
  readonly rereadMatches: number | null;
}

const byKickOff = (a: MatchRecord, b: MatchRecord) => a.startTimeMs - b.startTimeMs || a.matchId - b.matchId;

/**
 * The same records as `loadMatchRecords`, reading again only the matches whose row or statistics may have been
 * written since `previous` (match-changes.ts); in full without it, when that cannot be vouched for, or when a
 * match was deleted (the count of matches tells: a deleted row is never among the written ones).
 */
export function loadMatchRecordsSince(db: Db, previous: MatchRecords | null): Promise<MatchRecords> {
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const { mark, changed } = await matchChangesSince(tx, 'match_stats', previous?.mark ?? null);
    const full = async () => ({
      records: await readInPages(tx, SELECT_MATCH_RECORDS, [], toMatchRecord),
      mark,
      rereadMatches: null,
    });
    if (previous === null || changed === null) return full();
    const [count] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM matches');
    if (changed.length === 0)
      return count?.n === previous.records.length
        ? { records: previous.records, mark, rereadMatches: 0 }
        : full();
    const fresh = await tx.query<MatchRow>(SELECT_MATCH_RECORDS_OF, [integerArrayLiteral(changed)]);
    const byId = new Map(previous.records.map((m) => [m.matchId, m]));
    for (const id of changed) byId.delete(id);
    for (const r of fresh) byId.set(Number(r.match_id), toMatchRecord(r));
    if (byId.size !== count?.n) return full();
    return { records: [...byId.values()].sort(byKickOff), mark, rereadMatches: changed.length };
  });
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
