/**
 * The append-only prediction log (docs/architecture.md, Data flow): batch inference appends to it; the published
 * predictions and the betting simulation read from it only what the leakage rule allows. Every batch or live
 * prediction is also chained (prediction_chain, domain/prediction-chain.ts) by the statement batch that logs it.
 */

import { type GoalMarkets, goalMarketsOrNull } from '../domain/goal-markets.ts';
import type { LoggedPrediction, PredictionSource } from '../domain/leakage-rule.ts';
import {
  type ChainedPrediction,
  type ChainFormat,
  CURRENT_CHAIN_FORMAT,
  chainHash,
  GENESIS_HASH,
} from '../domain/prediction-chain.ts';
import { type TeamHistory, teamHistoryOf } from '../domain/value-bet.ts';
import { holdTransactionLock, LOCK_KEYS } from './advisory-lock.ts';
import { integerArrayLiteral } from './array-params.ts';
import type { Db, Queryable } from './db.ts';
import { type MatchChangeMark, matchChangesSince } from './match-changes.ts';
import { readAllInPages, rowPages } from './paged-read.ts';

/** A prediction to log: the logged shape, with its two instants as dates (history absent: logged unknown). */
export interface NewPrediction extends Omit<LoggedPrediction, 'trainedUntilMs' | 'computedAtMs' | 'history'> {
  readonly trainedUntil: Date;
  readonly computedAt: Date;
  readonly history?: TeamHistory | null;
}

// One statement per chunk: parallel arrays unnested into rows, each with its match's kick-off as stored now
// (a scalar subquery, so rows keep the arrays' order and their ids follow it).
const INSERT_PREDICTIONS = `
  INSERT INTO prediction_log (match_id, model_name, model_version, model_alias, run_id, source, proba_home,
                              proba_draw, proba_away, proba_over_2_5, proba_btts, trained_until, computed_at,
                              home_matches_played, away_matches_played, kickoff_when_logged)
  SELECT u.*, (SELECT m.start_time_utc FROM matches m WHERE m.match_id = u.match_id)
  FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[],
              $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[],
              $12::timestamptz[], $13::timestamptz[], $14::int2[], $15::int2[])
    AS u(match_id, model_name, model_version, model_alias, run_id, source, proba_home, proba_draw, proba_away,
         proba_over_2_5, proba_btts, trained_until, computed_at, home_matches_played, away_matches_played)
  RETURNING id, match_id, model_name, model_version, source, proba_home, proba_draw, proba_away,
            proba_over_2_5, proba_btts, computed_at, home_matches_played, away_matches_played`;

const CHUNK = 5000;

/** A row as the insert returns it: the columns the chain covers, and its id. */
type InsertedRow = ChainedColumns & { [column: string]: unknown; id: number };

/**
 * Logs `rows` and chains the published ones (batch, live) at `chainedAt` (the caller's clock, so a replay chains
 * at virtual time). Call it inside a transaction (`db.transaction`), so a prediction and its chain entry are
 * written together or not at all; the chain's lock is held until then.
 */
export async function appendPredictions(
  tx: Queryable,
  rows: readonly NewPrediction[],
  chainedAt: Date,
): Promise<void> {
  const inserted: InsertedRow[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const goals = chunk.map((r) => goalMarketsOrNull(r.goalMarkets));
    const written = await tx.query<InsertedRow>(INSERT_PREDICTIONS, [
      chunk.map((r) => r.matchId),
      chunk.map((r) => r.modelName),
      chunk.map((r) => r.modelVersion),
      chunk.map((r) => r.modelAlias),
      chunk.map((r) => r.runId),
      chunk.map((r) => r.source),
      chunk.map((r) => r.probabilities[0]),
      chunk.map((r) => r.probabilities[1]),
      chunk.map((r) => r.probabilities[2]),
      goals.map((g) => g?.over25 ?? null),
      goals.map((g) => g?.btts ?? null),
      chunk.map((r) => r.trainedUntil.toISOString()),
      chunk.map((r) => r.computedAt.toISOString()),
      chunk.map((r) => r.history?.home ?? null),
      chunk.map((r) => r.history?.away ?? null),
    ]);
    for (const w of written) if (w.source !== 'backtest') inserted.push(w);
  }
  await chainPredictions(tx, inserted, chainedAt);
}

const SELECT_HEAD = 'SELECT seq, hash FROM prediction_chain ORDER BY seq DESC LIMIT 1';

// $1 seq, $2 prediction ids, $3 previous hashes, $4 hashes: one entry per logged prediction, in id order;
// $5 their format, $6 the time they are chained.
const INSERT_CHAIN = `
  INSERT INTO prediction_chain (seq, prediction_id, prev_hash, hash, format, chained_at)
  SELECT s, p, ph, h, $5, $6 FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(s, p, ph, h)`;

async function chainPredictions(tx: Queryable, rows: readonly InsertedRow[], chainedAt: Date): Promise<void> {
  if (rows.length === 0) return;
  // One appender at a time: two transactions reading the same head would fork the chain.
  await holdTransactionLock(tx, LOCK_KEYS.predictionChain);
  const [head] = await tx.query<{ seq: number; hash: string }>(SELECT_HEAD);
  let seq = Number(head?.seq ?? 0);
  let prev = head?.hash ?? GENESIS_HASH;
  const seqs: number[] = [];
  const ids: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const r of [...rows].sort((a, b) => Number(a.id) - Number(b.id))) {
    const hash = chainHash(prev, chainedPrediction(r, CURRENT_CHAIN_FORMAT));
    seqs.push(++seq);
    ids.push(Number(r.id));
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  for (let start = 0; start < seqs.length; start += CHUNK) {
    const end = start + CHUNK;
    await tx.query(INSERT_CHAIN, [
      seqs.slice(start, end),
      ids.slice(start, end),
      prevs.slice(start, end),
      hashes.slice(start, end),
      CURRENT_CHAIN_FORMAT,
      chainedAt.toISOString(),
    ]);
  }
}

/** The prediction_log columns of a LogRow, as every reader selects them (the table aliased `p`). */
export const LOG_COLUMNS = `p.match_id, p.model_name, p.model_version, p.model_alias, p.run_id, p.source,
  p.proba_home, p.proba_draw, p.proba_away, p.proba_over_2_5, p.proba_btts, p.trained_until, p.computed_at,
  p.home_matches_played, p.away_matches_played`;

// Candidates for matches that kicked off by $1, already filtered by the leakage rule (domain/leakage-rule.ts
// applies it again; the SQL keeps the rows read small). `filter` narrows the matches (parameters from $2).
const honestPastSql = (filter: string) => `
  SELECT ${LOG_COLUMNS}
  FROM prediction_log p JOIN matches m ON m.match_id = p.match_id
  WHERE m.start_time_utc <= $1
    AND p.trained_until < m.start_time_utc
    AND (p.source = 'backtest' OR p.computed_at < m.start_time_utc) ${filter}`;

const SELECT_HONEST_PAST = honestPastSql('');
// $2 match ids, $3 the previous read's now: those matches and the ones that kicked off since.
const SELECT_HONEST_PAST_OF = honestPastSql('AND (p.match_id = ANY($2::bigint[]) OR m.start_time_utc > $3)');

/** A prediction_log row as the readers select it (LOG_COLUMNS). */
export interface LogRow {
  [column: string]: unknown;
  match_id: number;
  model_name: string;
  model_version: number | null;
  model_alias: string | null;
  run_id: string | null;
  source: PredictionSource;
  proba_home: number;
  proba_draw: number;
  proba_away: number;
  proba_over_2_5: number | null;
  proba_btts: number | null;
  trained_until: Date;
  computed_at: Date;
  home_matches_played: number | null;
  away_matches_played: number | null;
}

/** The prediction_log columns the prediction chain covers (domain/prediction-chain.ts hashes them). */
export type ChainedColumns = Pick<
  LogRow,
  | 'match_id'
  | 'model_name'
  | 'model_version'
  | 'source'
  | 'proba_home'
  | 'proba_draw'
  | 'proba_away'
  | 'proba_over_2_5'
  | 'proba_btts'
  | 'computed_at'
  | 'home_matches_played'
  | 'away_matches_played'
>;

/** What the chain hashes of a logged row in `format`: one mapping for the appender and the verifier. */
export function chainedPrediction(r: ChainedColumns, format: ChainFormat): ChainedPrediction {
  return {
    format,
    matchId: Number(r.match_id),
    modelName: r.model_name,
    modelVersion: r.model_version,
    source: r.source,
    probabilities: [r.proba_home, r.proba_draw, r.proba_away],
    goalMarkets: goalMarketsOf(r),
    history: teamHistoryOf(r.home_matches_played, r.away_matches_played),
    loggedAtMs: r.computed_at.getTime(),
  };
}

/** The goal markets of a logged row: both columns or none (the table's constraint). */
export function goalMarketsOf(r: {
  proba_over_2_5: number | null;
  proba_btts: number | null;
}): GoalMarkets | null {
  return r.proba_over_2_5 === null || r.proba_btts === null
    ? null
    : { over25: r.proba_over_2_5, btts: r.proba_btts };
}

/** Logged predictions of matches that kicked off by `now` that the leakage rule allows to show. */
export function honestPastPredictions(db: Db, now: Date): Promise<LoggedPrediction[]> {
  return readAllInPages(db, SELECT_HONEST_PAST, [now], loggedPrediction);
}

/** The honest past predictions grouped by match, and what they were read from, for the next incremental read. */
export interface HonestPast {
  /** Per match that kicked off by `nowMs` with at least one honest prediction, its candidates. */
  readonly byMatch: ReadonlyMap<number, readonly LoggedPrediction[]>;
  readonly nowMs: number;
  readonly mark: MatchChangeMark;
  /** Matches read again by this call; null when it read everything. */
  readonly readMatches: number | null;
}

/** The rows of a read (in pages, paged-read.ts) grouped by match into `into`. */
async function groupByMatch(
  pages: AsyncIterable<readonly LogRow[]>,
  into: Map<number, LoggedPrediction[]>,
): Promise<void> {
  for await (const rows of pages)
    for (const r of rows) {
      const p = loggedPrediction(r);
      const list = into.get(p.matchId);
      if (list) list.push(p);
      else into.set(p.matchId, [p]);
    }
}

/**
 * What `honestPastPredictions(db, now)` returns, grouped by match, reading again only the matches whose log rows or
 * kick-off may have been written since `previous` (match-changes.ts) and those that kicked off since its `now`;
 * everything without it, when `now` went back, or when the log's rows were updated or deleted (a backtest replacing
 * its rows). One REPEATABLE READ snapshot, the next mark.
 */
export function honestPastPredictionsSince(
  db: Db,
  now: Date,
  previous: HonestPast | null,
): Promise<HonestPast> {
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const { mark, changed } = await matchChangesSince(tx, 'prediction_log', previous?.mark ?? null);
    const nowMs = now.getTime();
    if (previous === null || changed === null || nowMs < previous.nowMs) {
      const byMatch = new Map<number, LoggedPrediction[]>();
      await groupByMatch(rowPages<LogRow>(tx, SELECT_HONEST_PAST, [now]), byMatch);
      return { byMatch, nowMs, mark, readMatches: null };
    }
    const fresh = new Map<number, LoggedPrediction[]>();
    await groupByMatch(
      rowPages<LogRow>(tx, SELECT_HONEST_PAST_OF, [
        now,
        integerArrayLiteral(changed),
        new Date(previous.nowMs),
      ]),
      fresh,
    );
    const byMatch = new Map(previous.byMatch);
    for (const id of changed) byMatch.delete(id);
    for (const [id, list] of fresh) byMatch.set(id, list);
    return { byMatch, nowMs, mark, readMatches: new Set([...changed, ...fresh.keys()]).size };
  });
}

// $1 match id: its whole log, oldest first.
const SELECT_MATCH_LOG = `
  SELECT ${LOG_COLUMNS}
  FROM prediction_log p WHERE p.match_id = $1
  ORDER BY p.computed_at, p.id`;

/** Every prediction logged for one match (published, live and backtest alike), in logging order. */
export async function matchPredictionLog(db: Queryable, matchId: number): Promise<LoggedPrediction[]> {
  const rows = await db.query<LogRow>(SELECT_MATCH_LOG, [matchId]);
  return rows.map(loggedPrediction);
}

/** The leakage rule's view of a logged row. */
export function loggedPrediction(r: LogRow): LoggedPrediction {
  return {
    matchId: Number(r.match_id),
    modelName: r.model_name,
    modelVersion: r.model_version,
    modelAlias: r.model_alias,
    runId: r.run_id,
    source: r.source,
    probabilities: [r.proba_home, r.proba_draw, r.proba_away] as const,
    goalMarkets: goalMarketsOf(r),
    history: teamHistoryOf(r.home_matches_played, r.away_matches_played),
    trainedUntilMs: r.trained_until.getTime(),
    computedAtMs: r.computed_at.getTime(),
  };
}

// The latest batch probability per match, version and alias of a model, for the matches given ($2).
const SELECT_LATEST_BATCH = `
  SELECT DISTINCT ON (match_id, model_version, model_alias) match_id, model_version, model_alias, proba_home,
         proba_draw, proba_away, proba_over_2_5, proba_btts, home_matches_played
  FROM prediction_log
  WHERE source = 'batch' AND model_name = $1 AND match_id = ANY($2::bigint[])
  ORDER BY match_id, model_version, model_alias, computed_at DESC, id DESC`;

/**
 * Drops predictions equal to the latest one the same model version already published for the match under the
 * same alias (1X2 and goal markets alike, unless only the new one knows the teams' earlier matches): a re-run
 * with nothing new would otherwise log the same numbers every quarter hour. The earliest logged time of a
 * probability is what proves it came before kick-off, so it is the one kept. The alias counts: a challenger
 * promoted to champion logs its forecasts again as the champion's, which the record grades (the leakage rule
 * picks the champion's), so the record follows the model served, not the one demoted.
 */
export async function withoutRepeats(
  db: Db,
  modelName: string,
  rows: readonly NewPrediction[],
): Promise<NewPrediction[]> {
  if (rows.length === 0) return [];
  const latest = await db.query<{
    match_id: number;
    model_version: number | null;
    model_alias: string | null;
    proba_home: number;
    proba_draw: number;
    proba_away: number;
    proba_over_2_5: number | null;
    proba_btts: number | null;
    home_matches_played: number | null;
  }>(SELECT_LATEST_BATCH, [modelName, [...new Set(rows.map((r) => r.matchId))]]);
  const key = (matchId: number, version: number | null, alias: string | null) =>
    `${matchId}|${version}|${alias}`;
  const known = new Map(latest.map((r) => [key(Number(r.match_id), r.model_version, r.model_alias), r]));
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  const sameGoals = (a: GoalMarkets | null, b: GoalMarkets | null) =>
    a === null || b === null ? a === b : same(a.over25, b.over25) && same(a.btts, b.btts);
  return rows.filter((r) => {
    const k = known.get(key(r.matchId, r.modelVersion, r.modelAlias));
    return !(
      k &&
      same(k.proba_home, r.probabilities[0]) &&
      same(k.proba_draw, r.probabilities[1]) &&
      same(k.proba_away, r.probabilities[2]) &&
      sameGoals(goalMarketsOf(k), goalMarketsOrNull(r.goalMarkets)) &&
      // A row logged before the teams' counts were kept is repeated once with them, so its edge can be judged.
      (k.home_matches_played !== null || (r.history ?? null) === null)
    );
  });
}
