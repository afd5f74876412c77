import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../src/api/services/one-at-a-time.ts';

describe('oneAtATime', () => {
  it('runs one piece of work at a time and refuses one that would queue behind too many, with 503 BUSY', async () => {
    const inTurn = oneAtATime(2);
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const work = (n: number) => () =>
      new Promise<number>((resolve) => {
        started.push(n);
        releases.push(() => resolve(n));
      });
    const first = inTurn(work(1));
    const queued = [inTurn(work(2)), inTurn(work(3))];
    await expect(inTurn(work(4))).rejects.toMatchObject({ status: 503, code: 'BUSY' });
    await Promise.resolve();
    expect(started).toEqual([1]);
    releases[0]?.();
    expect(await first).toBe(1);
    await expect.poll(() => started).toEqual([1, 2]);
    // A place freed: one more may queue.
    const fourth = inTurn(work(4));
    releases[1]?.();
    await expect.poll(() => started).toEqual([1, 2, 3]);
    releases[2]?.();
    await expect.poll(() => started).toEqual([1, 2, 3, 4]);
    releases[3]?.();
    expect(await Promise.all([...queued, fourth])).toEqual([2, 3, 4]);
  });
});
