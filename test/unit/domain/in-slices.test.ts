import { describe, expect, it } from 'vitest';
import { collectInSlices, runInSlices } from '../../../src/domain/in-slices.ts';
import { seededRandom } from '../../../src/domain/seeded-random.ts';
import { DEFAULT_BOOTSTRAP, intervalOf, roiInterval, roiResamples } from '../../../src/domain/staking.ts';

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

describe('the ROI interval in slices (the dashboard past 5,000 bets)', () => {
  it('is the interval computed in one go, to the last digit, however often it pauses', async () => {
    const random = seededRandom(7);
    const results = Array.from({ length: 3000 }, () => {
      const staked = random() < 0.5 ? 1 : 0.5 + random();
      return { staked, profit: random() < 0.45 ? staked * (0.8 + 2 * random()) : -staked };
    });
    const { pauses, pause } = counting();
    const sliced = await collectInSlices(roiResamples(results, DEFAULT_BOOTSTRAP), { sliceMs: 0, pause });
    expect(pauses).toHaveLength(DEFAULT_BOOTSTRAP.resamples);
    expect(intervalOf(sliced)).toEqual(roiInterval(results, DEFAULT_BOOTSTRAP));
  });
});
