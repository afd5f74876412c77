/**
 * Odds history: every stored price as a snapshot (match, bookmaker, market, kind pre_match | closing,
 * observed_at), read through the `odds_snapshots` view of migration 0006, which also says how an undated
 * football-data price gets its observation time.
 */
import { setImmediate } from 'node:timers/promises';
import type { OddsSnapshot, SnapshotKind } from '../domain/odds-history.ts';
import type { Db, Queryable } from './db.ts';
import { type MatchChangeMark, matchChangesSince } from './match-changes.ts';

// $1 match ids (distinct). One row per match, its snapshots as one JSON array in observation order (null when it
// has none): a driver parses each row and field in JavaScript, which on the embedded database cost about 20 µs a
// snapshot read a row each (47 s for the 2.3 million of the shared data), against one JSON.parse per match.
// Prices go as text, so a value JSON cannot hold (Infinity passes the table's check) still reads; the time as
// whole epoch milliseconds, what a Date holds. A subquery per id, so that each match is looked up by key
// whatever the planner knows: with `match_id = ANY($1)` PostgreSQL, once it had statistics, scanned every match
// once per batch, and the embedded database (never analysed) did the same with a join on the ids.
const SELECT_SNAPSHOTS = `
  SELECT id AS match_id,
         (SELECT json_agg(json_build_array(
                   bookmaker, kind, floor(extract(epoch FROM observed_at) * 1000), odd_home::text, odd_draw::text,
                   odd_away::text) ORDER BY observed_at, kind DESC, bookmaker COLLATE "C")
          FROM odds_snapshots WHERE match_id = id)::text AS snapshots
  FROM unnest($1::bigint[]) AS id ORDER BY id`;

interface SnapshotsRow {
  [column: string]: unknown;
  match_id: number;
  snapshots: string | null;
}

/** One snapshot as SELECT_SNAPSHOTS writes it: bookmaker, kind, observed at (epoch ms), home, draw, away. */
type SnapshotTuple = [string, SnapshotKind, number, string, string, string];

/**
 * Matches per query. A result is parsed in one go, and in the embedded database that is on the event loop the
 * API serves from: 900,000 snapshots of 80,000 matches in one query held it for 21 s (every request waited).
 * Read a row per snapshot, 2,000 matches a query held it 0.3–0.5 s at a time and 1,000 held it 0.15–0.25 s; as
 * one array per match, 1,000 hold it about 0.07 s on average (the shared data's 225 batches in 16.4 s).
 */
const MATCHES_PER_QUERY = 1000;

/**
 * Every snapshot of the matches given, by match id, each match's in observation order (pre-match before closing
 * on ties). Read in batches of matches, so the process serves between two of them.
 */
export async function loadSnapshots(
  db: Queryable,
  matchIds: readonly number[],
  signal?: AbortSignal,
): Promise<OddsSnapshot[]> {
  const out: OddsSnapshot[] = [];
  for await (const batch of snapshotBatches(db, matchIds, signal)) for (const s of batch) out.push(s);
  return out;
}

/** loadSnapshots' batches, each its matches' snapshots in the same order. */
async function* snapshotBatches(
  db: Queryable,
  matchIds: readonly number[],
  signal?: AbortSignal,
): AsyncGenerator<OddsSnapshot[]> {
  const ids = [...new Set(matchIds)].sort((a, b) => a - b);
  for (let at = 0; at < ids.length; at += MATCHES_PER_QUERY) {
    // The embedded database answers without ever leaving the event loop's turn: give timers and sockets one.
    if (at > 0) await setImmediate();
    signal?.throwIfAborted();
    const rows = await db.query<SnapshotsRow>(SELECT_SNAPSHOTS, [ids.slice(at, at + MATCHES_PER_QUERY)]);
    yield rows.flatMap(({ match_id, snapshots }) =>
      snapshots === null
        ? []
        : (JSON.parse(snapshots) as SnapshotTuple[]).map((tuple) => snapshotOf(Number(match_id), tuple)),
    );
  }
}

// A bookmaker's name and a kind repeat on every row: one string each is kept, not one per row (the API holds a
// million snapshots on the whole football-data history). Bounded, as names come from the data.
const bookmakerNames = new Map<string, string>();
function sharedName(name: string): string {
  const known = bookmakerNames.get(name);
  if (known !== undefined) return known;
  if (bookmakerNames.size < 1000) bookmakerNames.set(name, name);
  return name;
}

function snapshotOf(
  matchId: number,
  [bookmaker, kind, observedAtMs, home, draw, away]: SnapshotTuple,
): OddsSnapshot {
  return {
    matchId,
    bookmaker: sharedName(bookmaker),
    kind: kind === 'closing' ? 'closing' : 'pre_match',
    observedAtMs,
    odds: [Number(home), Number(draw), Number(away)] as const,
  };
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

/** The odds history of some matches and its change mark, to be handed back to the next read. */
export interface SnapshotHistory {
  /** Per match asked for, its snapshots as loadSnapshots orders them (empty when it has none). */
  readonly byMatch: ReadonlyMap<number, readonly OddsSnapshot[]>;
  readonly mark: MatchChangeMark;
  /** Matches read from the database by this call: all of them when it could not reuse `previous`. */
  readonly readMatches: number;
}

/**
 * The snapshots of `matchIds` as loadSnapshots gives them, reading again only the matches not in `previous` and
 * those whose prices or kick-off may have been written since it (all of them without it, or when
 * match-changes.ts cannot vouch for the change). One REPEATABLE READ snapshot, the next mark.
 */
export function loadSnapshotsSince(
  db: Db,
  matchIds: readonly number[],
  previous: SnapshotHistory | null,
): Promise<SnapshotHistory> {
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const { mark, changed } = await matchChangesSince(tx, 'odds', previous?.mark ?? null);
    const known: ReadonlyMap<number, readonly OddsSnapshot[]> =
      changed === null || previous === null ? new Map() : previous.byMatch;
    const stale = new Set(changed);
    const toRead = matchIds.filter((id) => stale.has(id) || !known.has(id));
    const fresh = snapshotsByMatch(await loadSnapshots(tx, toRead));
    const byMatch = new Map<number, readonly OddsSnapshot[]>();
    for (const id of matchIds) {
      const kept = stale.has(id) ? undefined : known.get(id);
      byMatch.set(id, kept ?? fresh.get(id) ?? []);
    }
    return { byMatch, mark, readMatches: toRead.length };
  });
}

// $1 match id.
const SELECT_KICKOFF = 'SELECT start_time_utc FROM matches WHERE match_id = $1';

/** A match's kick-off, or null when there is no such match. */
export async function matchKickoff(db: Queryable, matchId: number): Promise<Date | null> {
  const [row] = await db.query<{ start_time_utc: Date }>(SELECT_KICKOFF, [matchId]);
  return row?.start_time_utc ?? null;
}

// The matches that have a closing price.
const SELECT_CLOSED_MATCHES = `SELECT DISTINCT match_id FROM odds WHERE kind = 'closing'`;

/**
 * The odds history of every match whose market has closed (it has a closing price), grouped by match, each
 * match's list passed through `keep` as it is read (what a long-lived reader holds of it).
 */
export async function loadClosedMatchSnapshots(
  db: Queryable,
  keep: (snapshots: OddsSnapshot[]) => OddsSnapshot[],
): Promise<Map<number, OddsSnapshot[]>> {
  const closed = await db.query<{ match_id: number }>(SELECT_CLOSED_MATCHES);
  const out = new Map<number, OddsSnapshot[]>();
  for await (const batch of snapshotBatches(
    db,
    closed.map((r) => Number(r.match_id)),
  ))
    for (const [matchId, snapshots] of snapshotsByMatch(batch)) out.set(matchId, keep(snapshots));
  return out;
}

// The closed matches' prices' version: bumped, at commit, by every statement that adds, removes or corrects a
// price of a match with a closing price, or changes such a match (migration 0013); one row, not a scan.
const SELECT_CLOSED_ODDS_VERSION = `SELECT closed_odds::text AS version FROM data_version`;

/**
 * A version of what loadClosedMatchSnapshots reads, to re-read it only when it changed: a price for a fixture
 * whose market has not closed leaves it.
 */
export async function closedOddsVersion(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: string }>(SELECT_CLOSED_ODDS_VERSION);
  return row?.version ?? '';
}
