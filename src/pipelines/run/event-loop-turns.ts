/**
 * Long synchronous work cut into turns of the event loop. In `matchcast up` the pipeline runs in the API's
 * process, so a stage that computes for seconds without a turn holds every request that long.
 */
import { setImmediate } from 'node:timers/promises';

/** The longest stretch of work between two turns. */
const SLICE_MS = 50;

/**
 * Runs a stepwise computation (a generator that pauses between steps) to its end and gives back what it returns,
 * taking a turn of the event loop whenever its steps have run for SLICE_MS.
 */
export async function runInTurns<R>(steps: Generator<unknown, R>): Promise<R> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= SLICE_MS) {
      await setImmediate();
      since = performance.now();
    }
  }
}

/** Every value of `values`, taking a turn of the event loop whenever producing them has run for SLICE_MS. */
export function collectInTurns<T>(values: Iterable<T>): Promise<T[]> {
  return runInTurns(
    (function* () {
      const all: T[] = [];
      for (const value of values) {
        all.push(value);
        yield;
      }
      return all;
    })(),
  );
}
