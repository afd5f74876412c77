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
import { countMatches, loadDemoAnchor } from '../../db/demo-repository.ts';
import { ExpectedError } from '../../domain/expected-error.ts';
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
  // A new world goes into an empty database only: mixed into real matches (or another seed's teams, which then
  // play twice a day) it would be trained, graded and bet on as if it were real.
  const present = stored === null ? await countMatches(db) : 0;
  if (present > 0)
    throw new ExpectedError(
      `the database already holds ${present} matches (real data or another demo seed): ` +
        'write the demo world into an empty one (another DATA_DIR or DATABASE_URL)',
    );
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
