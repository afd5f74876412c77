/**
 * What the track record and its chain read: the published (batch, live) predictions with their matches and
 * results, and the prediction chain with the predictions it covers.
 */
import type { LoggedPrediction } from '../domain/leakage-rule.ts';
import { outcomeOf } from '../domain/outcome.ts';
import type { ChainEntry, ChainFormat } from '../domain/prediction-chain.ts';
import type { TrackRecordInput } from '../domain/track-record-input.ts';
import type { Db, Queryable } from './db.ts';
import { loadSnapshots, snapshotsByMatch } from './odds-history-repository.ts';
import { readAllInPages } from './paged-read.ts';
import {
  type ChainedColumns,
  chainedPrediction,
  LOG_COLUMNS,
  type LogRow,
  loggedPrediction,
} from './prediction-log-repository.ts';

export interface TrackRecordFilter {
  /** Competition as stored (e.g. `Premier League`, `Liga Profesional`). */
  readonly league?: string | undefined;
  /** Kick-offs from this instant (inclusive). */
  readonly from?: Date | undefined;
  /** Kick-offs before this instant (exclusive). */
  readonly to?: Date | undefined;
  /** The walk-forward backtest's rows instead of the published (batch, live) ones. */
  readonly backtest?: boolean;
}

// A league is named with its country ("England / Championship"): competitions of two countries share names.
// $1 league or null (its full name, or the bare competition name for every country's), $2 from or null, $3 to or null, $4 true for the backtest's rows, false for the published ones.
const SELECT_PREDICTIONS = `
  SELECT ${LOG_COLUMNS}, r.name || ' / ' || m.competition AS league, m.start_time_utc, m.status, m.home_score, m.away_score
  FROM prediction_log p JOIN matches m ON m.match_id = p.match_id JOIN regions r ON r.id = m.region_id
  WHERE (p.source = 'backtest') = $4
    AND ($1::text IS NULL OR r.name || ' / ' || m.competition = $1 OR m.competition = $1)
    AND ($2::timestamptz IS NULL OR m.start_time_utc >= $2)
    AND ($3::timestamptz IS NULL OR m.start_time_utc < $3)
  ORDER BY p.match_id, p.id`;

interface PredictionRow extends LogRow {
  league: string;
  start_time_utc: Date;
  status: string;
  home_score: number | null;
  away_score: number | null;
}

/**
 * Every match with a batch or live (or, asked, backtest) prediction in the filter, with its predictions, result
 * and snapshots. An aborted `signal` stops the read before its next page.
 */
export async function loadTrackRecordInput(
  db: Db,
  filter: TrackRecordFilter = {},
  signal?: AbortSignal,
): Promise<TrackRecordInput[]> {
  // A page at a time: the whole backtest of the shared data is 150,448 rows, which the embedded database would
  // parse in one block of the event loop.
  const rows = await readAllInPages<PredictionRow, PredictionRow>(
    db,
    SELECT_PREDICTIONS,
    [filter.league ?? null, filter.from ?? null, filter.to ?? null, filter.backtest === true],
    (row) => row,
    signal,
  );
  const byMatch = new Map<number, { first: PredictionRow; predictions: LoggedPrediction[] }>();
  for (const r of rows) {
    const id = Number(r.match_id);
    const p = loggedPrediction(r);
    const entry = byMatch.get(id);
    if (entry) entry.predictions.push(p);
    else byMatch.set(id, { first: r, predictions: [p] });
  }
  const snapshots = snapshotsByMatch(await loadSnapshots(db, [...byMatch.keys()], signal));
  return [...byMatch].map(([matchId, { first, predictions }]) => ({
    matchId,
    league: first.league,
    kickoffMs: first.start_time_utc.getTime(),
    outcome:
      first.status === 'finished' && first.home_score !== null && first.away_score !== null
        ? outcomeOf(first.home_score, first.away_score)
        : null,
    predictions,
    snapshots: snapshots.get(matchId) ?? [],
  }));
}

// One row kept by triggers (migration 0013): a scan of the log and the matches took 0.2–0.4 s a request.
const SELECT_VERSION = `SELECT published::text AS published, backtest::text AS backtest FROM data_version`;

/**
 * A version of everything one track record reads (its kind of predictions, their matches' results and
 * prices): it moves whenever any of them changes, and not when a match or price no prediction of that kind
 * covers does, so a computed record can be reused until it does.
 */
export async function trackRecordDataVersion(db: Queryable, backtest: boolean): Promise<string> {
  const [row] = await db.query<{ published: string; backtest: string }>(SELECT_VERSION);
  return (backtest ? row?.backtest : row?.published) ?? '';
}

const SELECT_CHAIN = `
  SELECT c.seq, c.prev_hash, c.hash, c.format, p.match_id, p.model_name, p.model_version, p.source,
         p.proba_home, p.proba_draw, p.proba_away, p.proba_over_2_5, p.proba_btts, p.computed_at,
         p.home_matches_played, p.away_matches_played, p.kickoff_when_logged, m.start_time_utc
  FROM prediction_chain c
  JOIN prediction_log p ON p.id = c.prediction_id
  JOIN matches m ON m.match_id = p.match_id
  ORDER BY c.seq`;

interface ChainRow extends ChainedColumns {
  [column: string]: unknown;
  seq: number;
  prev_hash: string;
  hash: string;
  format: ChainFormat;
  kickoff_when_logged: Date | null;
  start_time_utc: Date;
}

/**
 * The whole chain in order, each entry with the prediction as the log holds it now, its match's kick-off now and
 * as it was when the prediction was logged.
 */
export async function loadChain(db: Queryable): Promise<ChainEntry[]> {
  const rows = await db.query<ChainRow>(SELECT_CHAIN);
  return rows.map((r) => ({
    ...chainedPrediction(r, r.format),
    seq: Number(r.seq),
    prevHash: r.prev_hash,
    hash: r.hash,
    kickoffMs: r.start_time_utc.getTime(),
    kickoffWhenLoggedMs: r.kickoff_when_logged?.getTime() ?? null,
  }));
}

// Published rows no chain entry covers: written into the log by other means than appendPredictions.
const SELECT_UNCHAINED = `
  SELECT p.id, p.match_id, count(*) OVER () AS total
  FROM prediction_log p LEFT JOIN prediction_chain c ON c.prediction_id = p.id
  WHERE p.source <> 'backtest' AND c.prediction_id IS NULL
  ORDER BY p.id LIMIT $1`;

/**
 * The batch and live predictions of the log that are in no chain entry: the track record reads them, and nothing
 * proves they were logged when they say (a row inserted by hand). How many, and the first `shown`.
 */
export interface Unchained {
  readonly total: number;
  readonly first: readonly { readonly id: number; readonly matchId: number }[];
}

export async function loadUnchained(db: Queryable, shown: number): Promise<Unchained> {
  const rows = await db.query<{ id: string | number; match_id: string | number; total: string | number }>(
    SELECT_UNCHAINED,
    [shown],
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    first: rows.map((r) => ({ id: Number(r.id), matchId: Number(r.match_id) })),
  };
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  /** When the head's prediction was logged. */
  readonly loggedAt: Date;
  /** When the head entry was written (the appender's clock). */
  readonly chainedAt: Date;
}

const SELECT_HEAD = `
  SELECT c.seq, c.hash, p.computed_at, c.chained_at
  FROM prediction_chain c JOIN prediction_log p ON p.id = c.prediction_id
  ORDER BY c.seq DESC LIMIT 1`;

/** The latest chain entry, or null while nothing is chained. */
export async function chainHead(db: Queryable): Promise<ChainHead | null> {
  const [row] = await db.query<{ seq: number; hash: string; computed_at: Date; chained_at: Date }>(
    SELECT_HEAD,
  );
  return row
    ? { seq: Number(row.seq), hash: row.hash, loggedAt: row.computed_at, chainedAt: row.chained_at }
    : null;
}
