/**
 * Aggregates over the tables stages read (counts, latest change, a checksum), from which the pipeline's lock
 * file builds cheap fingerprints: a changed score, a new match, a new or corrected price all move them.
 */
import type { Db } from './db.ts';

// Every match: count, latest change, and a checksum over ids, kick-offs, scores and statuses.
const MATCHES_FINGERPRINT = `
  SELECT count(*) AS n, max(updated_at) AS updated,
         sum((match_id % 1000003) * 7 + (extract(epoch FROM start_time_utc)::bigint % 1000003) * 3
             + coalesce(home_score, -1) * 31 + coalesce(away_score, -1) * 17 + length(status)) AS checksum
  FROM matches`;

// Finished matches only: what training sees. $1 = kick-offs before this instant.
const FINISHED_FINGERPRINT = `
  SELECT count(*) AS n, max(start_time_utc) AS latest,
         sum((match_id % 1000003) * 7 + home_score * 31 + away_score * 17) AS checksum
  FROM matches WHERE status = 'finished' AND home_score IS NOT NULL AND start_time_utc < $1`;

// Prices in hundredths, summed as integers: a float sum's last digits depend on the order a parallel scan
// adds rows in, which made the same table give a different fingerprint from one query to the next.
const ODDS_FINGERPRINT = `
  SELECT count(*) AS n, max(collected_at) AS latest,
         sum((match_id % 1000003) + round(odd_home * 100)::bigint * 1000 + round(odd_draw * 100)::bigint * 100
             + round(odd_away * 100)::bigint * 10) AS checksum
  FROM odds`;

// Matches whose kick-off has passed by $1: moves exactly when time alone moves a match from upcoming to past.
const KICKOFFS_PASSED = `SELECT count(*) AS n FROM matches WHERE start_time_utc <= $1`;

export type TableAggregate = Record<string, unknown>;

async function aggregate(db: Db, sql: string, params: readonly unknown[] = []): Promise<TableAggregate> {
  const [row] = await db.query(sql, params);
  return row ?? {};
}

export function matchesAggregate(db: Db): Promise<TableAggregate> {
  return aggregate(db, MATCHES_FINGERPRINT);
}

export function finishedMatchesAggregate(db: Db, before: Date): Promise<TableAggregate> {
  return aggregate(db, FINISHED_FINGERPRINT, [before]);
}

export function oddsAggregate(db: Db): Promise<TableAggregate> {
  return aggregate(db, ODDS_FINGERPRINT);
}

export function kickoffsPassedAggregate(db: Db, now: Date): Promise<TableAggregate> {
  return aggregate(db, KICKOFFS_PASSED, [now]);
}
