/**
 * Cheap fingerprints of the tables stages read, so the lock file can tell whether data changed: aggregates
 * instead of hashing every row (src/db/fingerprint-repository.ts).
 */
import type { Db } from '../../db/db.ts';
import {
  finishedMatchesAggregate,
  kickoffsPassedAggregate,
  matchesAggregate,
  oddsAggregate,
  type TableAggregate,
} from '../../db/fingerprint-repository.ts';
import { hashValue } from './lock-file.ts';

const fingerprint = (row: TableAggregate) => hashValue(row).slice(0, 32);

export async function matchesFingerprint(db: Db): Promise<string> {
  return fingerprint(await matchesAggregate(db));
}

export async function finishedMatchesFingerprint(db: Db, before: Date): Promise<string> {
  return fingerprint(await finishedMatchesAggregate(db, before));
}

export async function oddsFingerprint(db: Db): Promise<string> {
  return fingerprint(await oddsAggregate(db));
}

/**
 * How many kick-offs have passed by `now`, as text: with the matches' fingerprint it tells when time alone changed
 * which matches are upcoming (a stage that splits upcoming from past re-runs then, and only then: a history with
 * no match to come, like the shared data's, is not recomputed every hour for nothing).
 */
export async function kickoffsPassed(db: Db, now: Date): Promise<string> {
  return String((await kickoffsPassedAggregate(db, now)).n);
}
