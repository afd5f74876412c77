/**
 * Plays the demo world of a seed forward to `now`: matches whose kick-off has passed get their results and
 * closing prices, and fixtures appear up to 14 days ahead. The world's history starts from the day it was
 * first written (kept in `demo_worlds`), so the outcome depends only on the seed and the dates — the pipeline
 * can call this on every run, on any later day.
 *
 * @example
 * await advanceDemoWorld(db, new Date(clock.nowMs()), 7); // creates the world on an empty database, then keeps it alive
 */
import type { Db } from '../../db/db.ts';
import { loadDemoAnchor } from '../../db/demo-repository.ts';
import { generateDemoWorld } from './generate-world.ts';
import { type DemoWriteSummary, writeDemoWorld } from './write-world.ts';

export interface DemoAdvanceSummary extends DemoWriteSummary {
  /** True when this call created the world. */
  readonly created: boolean;
  readonly anchor: Date;
}

export async function advanceDemoWorld(
  db: Db,
  now: Date,
  seed: number,
  historyYears?: number,
): Promise<DemoAdvanceSummary> {
  const stored = await loadDemoAnchor(db, seed);
  const anchor = stored ?? now;
  const world = generateDemoWorld({
    seed,
    today: now,
    anchor,
    ...(historyYears === undefined ? {} : { historyYears }),
  });
  const written = await writeDemoWorld(db, world);
  return { ...written, created: stored === null, anchor };
}
