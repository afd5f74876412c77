/**
 * Costly answers prepared one at a time (a track record under a new filter, a filtered bulk read of thousands of
 * rows): several at once multiplied the memory and made each wait as long as all of them. A request that would
 * wait behind the one running and `maxQueued` more is refused at once with 503 `BUSY` (and `Retry-After`).
 *
 * @example
 *   const inTurn = oneAtATime(3);
 *   const record = await inTurn(() => grade(filter));
 */
import pLimit from 'p-limit';
import { apiError } from '../errors.ts';

export type InTurn = <T>(work: () => Promise<T>) => Promise<T>;

export function oneAtATime(maxQueued: number): InTurn {
  const limit = pLimit(1);
  return (work) => {
    const queued = limit.activeCount + limit.pendingCount - 1;
    return queued >= maxQueued ? Promise.reject(apiError('BUSY')) : limit(work);
  };
}
