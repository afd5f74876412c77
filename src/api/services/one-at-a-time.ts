/**
 * Costly answers prepared one at a time (a track record under a new filter, a filtered bulk read of thousands of
 * rows): several at once multiplied the memory and made each wait as long as all of them. A request that would
 * wait behind the one running and `maxQueued` more is refused at once with 503 `BUSY` (and `Retry-After`). Work
 * whose turn comes after every reader who asked for it has left is not started: a client cycling through filters
 * and dropping each request would otherwise keep the queue full for the others.
 *
 * @example
 *   const queue = oneAtATime(3);
 *   const record = await queue.forReader(key, readerLeft(reply.raw), () =>
 *     cache.get(key, version, () => queue.run(key, () => grade(filter))),
 *   );
 */
import type { ServerResponse } from 'node:http';
import pLimit from 'p-limit';
import { apiError } from '../errors.ts';

export interface InTurn {
  /**
   * `work` for `key` after the work before it; 503 `BUSY` at once when it would wait behind too many, and when
   * nobody waits for `key` any more by its turn (not started).
   */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * `answer()` for one reader of `key`, who waits for it until `left` aborts (never, without a signal). Readers
   * of one key may share one piece of work (a cache in `answer`): it is wanted while any of them waits.
   */
  forReader<T>(key: string, left: AbortSignal | undefined, answer: () => Promise<T>): Promise<T>;
}

export function oneAtATime(maxQueued: number): InTurn {
  const limit = pLimit(1);
  const readers = new Map<string, number>();
  const wanted = (key: string) => (readers.get(key) ?? 0) > 0;
  const count = (key: string, by: number) => {
    const n = (readers.get(key) ?? 0) + by;
    if (n > 0) readers.set(key, n);
    else readers.delete(key);
  };
  return {
    run(key, work) {
      const queued = limit.activeCount + limit.pendingCount - 1;
      if (queued >= maxQueued) return Promise.reject(apiError('BUSY'));
      return limit(() => (wanted(key) ? work() : Promise.reject(apiError('BUSY'))));
    },
    async forReader(key, left, answer) {
      count(key, 1);
      let waiting = true;
      const leave = () => {
        if (waiting) count(key, -1);
        waiting = false;
      };
      left?.addEventListener('abort', leave, { once: true });
      try {
        return await answer();
      } finally {
        left?.removeEventListener('abort', leave);
        leave();
      }
    },
  };
}

/** Aborts when the connection of `response` closes before its answer is written: its reader has left. */
export function readerLeft(response: ServerResponse): AbortSignal {
  const left = new AbortController();
  response.once('close', () => {
    if (!response.writableEnded) left.abort();
  });
  return left.signal;
}
