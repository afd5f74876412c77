/** PostgreSQL advisory locks that serialise work across Matchcast processes for one transaction. */
import type { Queryable } from './db.ts';

/** Arbitrary constants shared by every Matchcast process. */
export const LOCK_KEYS = {
  migrations: 7_312_604_555,
  pipelineRuns: 7_312_604_556,
  predictionChain: 7_312_604_557,
} as const;

/**
 * Waits for the lock `key` and holds it until the transaction `tx` ends. The lock is scoped to the session's
 * search path: installations (or test schemas, or a replay's schema) sharing one PostgreSQL server do not wait
 * for each other, while every process of one installation shares the lock.
 */
export async function holdTransactionLock(tx: Queryable, key: number): Promise<void> {
  await tx.query(
    "SELECT pg_advisory_xact_lock(hashtextextended(current_setting('search_path') || ':' || $1::text, 0))",
    [key],
  );
}
