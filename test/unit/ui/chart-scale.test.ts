import { describe, expect, it } from 'vitest';
import { linearScale } from '../../../src/ui/components/charts/scale.ts';

describe('chart scales', () => {
  it('maps a domain onto a range, inverted ranges included', () => {
    const y = linearScale(0, 10, 100, 0);
    expect(y(0)).toBe(100);
    expect(y(5)).toBe(50);
  });
});
