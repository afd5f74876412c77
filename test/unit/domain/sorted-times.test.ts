import { describe, expect, it } from 'vitest';
import { countBefore } from '../../../src/domain/sorted-times.ts';

describe('countBefore', () => {
  it('counts the times strictly before, ties excluded (a match at the instant is not seen)', () => {
    const times = [10, 20, 20, 20, 30];
    expect([0, 10, 11, 20, 21, 30, 31].map((ms) => countBefore(times, ms))).toEqual([0, 0, 1, 1, 4, 4, 5]);
    expect(countBefore([], 5)).toBe(0);
    expect(countBefore(Float64Array.from(times), 20)).toBe(1);
  });
});
