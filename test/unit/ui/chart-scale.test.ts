import { describe, expect, it } from 'vitest';
import { linearScale, thinIndices } from '../../../src/ui/components/charts/scale.ts';

describe('chart scales', () => {
  it('maps a domain onto a range, inverted ranges included', () => {
    const y = linearScale(0, 10, 100, 0);
    expect(y(0)).toBe(100);
    expect(y(5)).toBe(50);
  });
  it('thins long series, keeping both ends', () => {
    expect(thinIndices(3, 10)).toEqual([0, 1, 2]);
    const idx = thinIndices(100_000, 600);
    expect(idx).toHaveLength(600);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(99_999);
  });
});
