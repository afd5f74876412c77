/**
 * Odds history: every stored price as a snapshot (match, bookmaker, market, kind pre_match | closing,
 * observed_at), read through the `odds_snapshots` view of migration 0006, which also says how an undated
 * football-data price gets its observation time.
 */
import type { OddsSnapshot, SnapshotKind } from '../domain/odds-history.ts';
import type { Queryable } from './db.ts';

// $1 match ids.
const SELECT_SNAPSHOTS = `
  SELECT match_id, bookmaker, kind, observed_at, odd_home, odd_draw, odd_away
  FROM odds_snapshots WHERE match_id = ANY($1::bigint[])
  ORDER BY match_id, observed_at, kind DESC, bookmaker COLLATE "C"`;

interface SnapshotRow {
  [column: string]: unknown;
  match_id: number;
  bookmaker: string;
  kind: SnapshotKind;
  observed_at: Date;
  odd_home: number;
  odd_draw: number;
  odd_away: number;
}

/** Every snapshot of the matches given, per match in observation order (pre-match before closing on ties). */
export async function loadSnapshots(db: Queryable, matchIds: readonly number[]): Promise<OddsSnapshot[]> {
  if (matchIds.length === 0) return [];
  const rows = await db.query<SnapshotRow>(SELECT_SNAPSHOTS, [matchIds]);
  return rows.map((r) => ({
    matchId: Number(r.match_id),
    bookmaker: r.bookmaker,
    kind: r.kind,
    observedAtMs: r.observed_at.getTime(),
    odds: [r.odd_home, r.odd_draw, r.odd_away] as const,
  }));
}

/** Groups snapshots by match id. */
export function snapshotsByMatch(snapshots: readonly OddsSnapshot[]): Map<number, OddsSnapshot[]> {
  const out = new Map<number, OddsSnapshot[]>();
  for (const s of snapshots) {
    const list = out.get(s.matchId);
    if (list) list.push(s);
    else out.set(s.matchId, [s]);
  }
  return out;
}

// $1 match id.
const SELECT_KICKOFF = 'SELECT start_time_utc FROM matches WHERE match_id = $1';

/** A match's kick-off, or null when there is no such match. */
export async function matchKickoff(db: Queryable, matchId: number): Promise<Date | null> {
  const [row] = await db.query<{ start_time_utc: Date }>(SELECT_KICKOFF, [matchId]);
  return row?.start_time_utc ?? null;
}
