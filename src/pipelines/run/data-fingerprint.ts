/**
 * Cheap fingerprints of the tables stages read, so the lock file can tell whether data changed: aggregates
 * instead of hashing every row (src/db/fingerprint-repository.ts).
 */
import type { Db } from '../../db/db.ts';
import {
  finishedMatchesAggregate,
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
