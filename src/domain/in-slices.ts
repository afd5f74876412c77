/**
 * Long synchronous work cut into slices, so that the thread it shares can answer between them: a server's event
 * loop (a pipeline stage in the API's process) or a page's main thread (the dashboard's bootstrap intervals).
 * Where the thread pauses is the caller's: a turn of Node's event loop, a browser task.
 */

export interface SliceOptions {
  /** The longest stretch of work between two pauses. */
  readonly sliceMs: number;
  /** Gives the thread back; the work goes on when it resolves. */
  readonly pause: () => Promise<unknown>;
  /** Once aborted, the work stops at its next pause and the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Runs a stepwise computation (a generator that yields between steps) to its end and gives back what it returns,
 * pausing whenever its steps have run for `sliceMs`.
 */
export async function runInSlices<R>(steps: Generator<unknown, R>, options: SliceOptions): Promise<R> {
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= options.sliceMs) {
      await options.pause();
      options.signal?.throwIfAborted();
      since = performance.now();
    }
  }
}

/** Every value of `values` in order, a step after each: a stepwise computation of its own, or part of one. */
export function* collectSteps<T>(values: Iterable<T>): Generator<void, T[]> {
  const all: T[] = [];
  for (const value of values) {
    all.push(value);
    yield;
  }
  return all;
}

/** Every value of `values` in order, produced in slices as `runInSlices` runs a computation. */
export function collectInSlices<T>(values: Iterable<T>, options: SliceOptions): Promise<T[]> {
  return runInSlices(collectSteps(values), options);
}

/** A stepwise computation run to its end at once, for callers with the thread to themselves (a CLI, a test). */
export function runToEnd<R>(steps: Generator<unknown, R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
