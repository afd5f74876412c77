/**
 * Long synchronous work cut into turns of the event loop. In `matchcast up` the pipeline runs in the API's
 * process, so a stage that computes for seconds without a turn holds every request that long.
 */
import { setImmediate } from 'node:timers/promises';

/** The longest stretch of work between two turns. */
const SLICE_MS = 50;

/** Every value of `values`, taking a turn of the event loop whenever producing them has run for SLICE_MS. */
export async function collectInTurns<T>(values: Iterable<T>): Promise<T[]> {
  const all: T[] = [];
  let since = performance.now();
  for (const value of values) {
    all.push(value);
    if (performance.now() - since >= SLICE_MS) {
      await setImmediate();
      since = performance.now();
    }
  }
  return all;
}
