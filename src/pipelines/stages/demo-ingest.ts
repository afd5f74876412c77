/**
 * The demo source: the simulated world of a seed, created on the first call (into an empty database) and played
 * forward to "now" on every later one — results for matches past kick-off, new fixtures — so the demo stays
 * alive on any later day.
 */
import type { Db } from '../../db/db.ts';
import { advanceDemoWorld } from '../../ingest/demo/advance-world.ts';
import type { DemoSource } from '../run/pipeline-context.ts';
import type { MetricValue } from '../run/stage.ts';

/** The demo plays forward in quarter-hour ticks, the batch-inference cadence. */
export const DEMO_TICK_MS = 15 * 60_000;

export async function advanceDemo(
  db: Db,
  now: Date,
  source: DemoSource,
): Promise<Record<string, MetricValue>> {
  const summary = await advanceDemoWorld(db, now, source.seed, source.historyYears);
  return {
    created: summary.created,
    matches: summary.matches,
    matches_inserted: summary.matchesInserted,
    matches_updated: summary.matchesUpdated,
    odds_inserted: summary.oddsInserted,
    finished: summary.finished,
    scheduled: summary.scheduled,
  };
}
