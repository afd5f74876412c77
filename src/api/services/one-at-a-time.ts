/**
 * Costly answers prepared one at a time (a track record under a new filter, a filtered bulk read of thousands of
 * rows): several at once multiplied the memory and made each wait as long as all of them. A request that would
 * wait behind the one running and `maxQueued` more is refused at once with 503 `BUSY` (and `Retry-After`). Work
 * not yet begun is dropped, and its place freed, as soon as every reader who asked for it has left: a client
 * cycling through filters and dropping each request would otherwise keep the queue full for the others.
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
   * `work` for `key` after the work before it; 503 `BUSY` at once when it would wait behind too many, and as soon
   * as nobody waits for `key` any more while it waits (not started).
   */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * `answer()` for one reader of `key`, who waits for it until `left` aborts (never, without a signal). Readers
   * of one key may share one piece of work (a cache in `answer`): it is wanted while any of them waits.
   */
  forReader<T>(key: string, left: AbortSignal | undefined, answer: () => Promise<T>): Promise<T>;
}

interface Waiting {
  readonly key: string;
  /** Drops the work before its turn: its promise is refused and its place freed. */
  readonly drop: () => void;
}

export function oneAtATime(maxQueued: number): InTurn {
  const limit = pLimit(1);
  const readers = new Map<string, number>();
  // Work queued and not begun. p-limit keeps a dropped one in its queue until its turn (it then does nothing):
  // those are not counted as places taken.
  const waiting = new Set<Waiting>();
  let droppedInQueue = 0;
  const leave = (key: string) => {
    const n = (readers.get(key) ?? 0) - 1;
    if (n > 0) return void readers.set(key, n);
    readers.delete(key);
    for (const entry of waiting) if (entry.key === key) entry.drop();
  };
  return {
    run(key, work) {
      // Nobody waits for it (every reader has gone already), or it would wait behind too many.
      if (!readers.has(key) || limit.activeCount + limit.pendingCount - droppedInQueue > maxQueued)
        return Promise.reject(apiError('BUSY'));
      return new Promise((resolve, reject) => {
        const entry: Waiting = {
          key,
          drop: () => {
            waiting.delete(entry);
            droppedInQueue += 1;
            reject(apiError('BUSY'));
          },
        };
        waiting.add(entry);
        void limit(async () => {
          if (waiting.delete(entry)) await work().then(resolve, reject);
          else droppedInQueue -= 1;
        });
      });
    },
    async forReader(key, left, answer) {
      readers.set(key, (readers.get(key) ?? 0) + 1);
      let waits = true;
      const leaves = () => {
        if (waits) leave(key);
        waits = false;
      };
      // A reader already gone when it is counted takes no work's place (and starts none).
      if (left?.aborted) leaves();
      else left?.addEventListener('abort', leaves, { once: true });
      try {
        return await answer();
      } finally {
        left?.removeEventListener('abort', leaves);
        leaves();
      }
    },
  };
}

/**
 * Aborts when the connection of `response` closes before its answer is written (at once if it already has): its
 * reader has left.
 */
export function readerLeft(response: ServerResponse): AbortSignal {
  const left = new AbortController();
  if (response.destroyed && !response.writableEnded) left.abort();
  else
    response.once('close', () => {
      if (!response.writableEnded) left.abort();
    });
  return left.signal;
}
