import { describe, expect, it } from 'vitest';
import { collectInSlices, runInSlices } from '../../../src/domain/in-slices.ts';

const counting = () => {
  const pauses: number[] = [];
  return { pauses, pause: async () => void pauses.push(pauses.length) };
};

describe('runInSlices', () => {
  it("gives back the computation's result, pausing only once a slice has run long enough", async () => {
    const { pauses, pause } = counting();
    const steps = (function* () {
      yield;
      yield;
      return 'done';
    })();
    expect(await runInSlices(steps, { sliceMs: 60_000, pause })).toBe('done');
    expect(pauses).toEqual([]);
    expect(await collectInSlices([1, 2, 3], { sliceMs: 0, pause })).toEqual([1, 2, 3]);
    expect(pauses).toHaveLength(3);
  });

  it('stops at the next pause once aborted, rejecting with the reason, and takes no further step', async () => {
    const abandoned = new AbortController();
    let steps = 0;
    const forever = (function* () {
      for (;;) {
        steps++;
        yield;
      }
    })();
    const run = runInSlices(forever, {
      sliceMs: 0,
      pause: async () => {
        if (steps === 5) abandoned.abort(new Error('a newer filter'));
      },
      signal: abandoned.signal,
    });
    await expect(run).rejects.toThrow('a newer filter');
    expect(steps).toBe(5);
  });
});
