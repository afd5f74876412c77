import { describe, expect, it } from 'vitest';
import { collectInTurns, runInTurns } from '../../../src/pipelines/run/event-loop-turns.ts';

/** Values that each take `ms` of synchronous work to produce. */
function* slow(count: number, ms: number): Generator<number> {
  for (let i = 0; i < count; i++) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    yield i;
  }
}

describe('collectInTurns', () => {
  it('gives back every value in order', async () => {
    expect(await collectInTurns([3, 1, 2])).toEqual([3, 1, 2]);
    expect(await collectInTurns(slow(0, 0))).toEqual([]);
  });

  it('lets a timer run while a long production is under way, not only after it', async () => {
    const events: string[] = [];
    setTimeout(() => events.push('timer'), 0);
    // 8 values × 20 ms: a turn is due after every 50 ms of work.
    const values = await collectInTurns(
      (function* () {
        for (const v of slow(8, 20)) {
          events.push(`value ${v}`);
          yield v;
        }
      })(),
    );
    events.push('done');
    expect(values).toHaveLength(8);
    expect(events.indexOf('timer')).toBeGreaterThan(0);
    expect(events.indexOf('timer')).toBeLessThan(events.indexOf('value 7'));
  });
});

describe('runInTurns', () => {
  it('stops a computation under way at its next turn once its signal aborts, taking no further step', async () => {
    const closing = new AbortController();
    let steps = 0;
    const run = runInTurns(
      (function* () {
        // 20 steps × 20 ms: a turn is due after every 50 ms; the abort comes during the first turn.
        for (const _ of slow(20, 20)) {
          steps++;
          yield;
        }
        return 'finished';
      })(),
      closing.signal,
    );
    setTimeout(() => closing.abort(new Error('closing')), 0);
    await expect(run).rejects.toThrow('closing');
    const taken = steps;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(steps).toBe(taken);
  });
});
