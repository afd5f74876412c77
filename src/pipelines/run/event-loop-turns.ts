/**
 * Long synchronous work cut into turns of the event loop. In `matchcast up` the pipeline runs in the API's
 * process, so a stage that computes for seconds without a turn holds every request that long.
 */
import { setImmediate } from 'node:timers/promises';
import { collectInSlices, runInSlices, type SliceOptions } from '../../domain/in-slices.ts';

/** A turn of the event loop after every 50 ms of work. */
const TURNS: SliceOptions = { sliceMs: 50, pause: () => setImmediate() };

/**
 * Runs a stepwise computation (a generator that pauses between steps) to its end, in turns of the event loop;
 * an aborted `signal` stops it at its next turn.
 */
export function runInTurns<R>(steps: Generator<unknown, R>, signal?: AbortSignal): Promise<R> {
  return runInSlices(steps, signal === undefined ? TURNS : { ...TURNS, signal });
}

/** Every value of `values`, taking a turn of the event loop whenever producing them has run for 50 ms. */
export function collectInTurns<T>(values: Iterable<T>): Promise<T[]> {
  return collectInSlices(values, TURNS);
}
