/** The demo source: a simulated world written once into an empty database, then played forward to "now". */
import type { Db } from '../../db/db.ts';
import type { MetricValue } from '../stage.ts';

/** The demo plays forward in quarter-hour ticks, the batch-inference cadence. */
export const DEMO_TICK_MS = 15 * 60_000;

export async function advanceDemo(db: Db, now: Date, seed: number): Promise<Record<string, MetricValue>> {
  void db;
  void now;
  void seed;
  throw new Error('the demo simulator is not available yet');
}
