import { describe, expect, it } from 'vitest';
import { RollingMeans } from '../../../src/features/rolling-means.ts';

describe('RollingMeans', () => {
  const read = (r: RollingMeans, team: number, window: number) => {
    const out = new Float64Array(3);
    r.means(team, window, out, 1);
    return [...out.subarray(1)];
  };

  it('gives the prior to a team with no record', () => {
    expect(read(new RollingMeans(5, [1.5, 0.25]), 7, 5)).toEqual([1.5, 0.25]);
  });

  it('averages the last `window` records, fewer when the team has fewer', () => {
    const r = new RollingMeans(3, [0, 0]);
    r.push(1, [1, 10]);
    r.push(1, [3, 20]);
    expect(read(r, 1, 5)).toEqual([2, 15]);
    r.push(1, [5, 30]);
    r.push(1, [7, 40]);
    expect(r.count(1)).toBe(4);
    // capacity 3: the first record has been overwritten
    expect(read(r, 1, 3)).toEqual([5, 30]);
    expect(read(r, 1, 2)).toEqual([6, 35]);
    expect(read(r, 2, 2)).toEqual([0, 0]);
  });
});
