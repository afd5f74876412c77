import { describe, expect, it } from 'vitest';
import { sameDaysOfYear } from '../../../src/pipelines/reports/feature-drift.ts';

const at = (iso: string) => Date.parse(`${iso}T15:00:00Z`);

describe('the drift reference on the same days of the year', () => {
  it("keeps earlier years' matches on the current window's days, also across the turn of the year", () => {
    const reference = [
      '2019-07-25',
      '2019-09-01',
      '2024-08-10',
      '2025-07-20',
      '2025-08-18',
      '2025-12-01',
    ].map(at);
    expect(sameDaysOfYear(reference, [at('2026-07-21'), at('2026-08-18')], 1)).toEqual([0, 2, 4]);
    const winter = ['2023-12-24', '2024-01-06', '2024-01-20', '2024-02-15', '2025-11-30'].map(at);
    expect(sameDaysOfYear(winter, [at('2025-12-20'), at('2026-01-10')], 1)).toEqual([0, 1]);
  });

  it('keeps the whole reference (null) for a short history or a window of a year or more', () => {
    const reference = ['2024-08-10', '2025-08-11'].map(at);
    expect(sameDaysOfYear(reference, [at('2026-08-01'), at('2026-08-20')], 3)).toBeNull();
    expect(sameDaysOfYear(reference, [at('2025-08-01'), at('2026-08-20')], 1)).toBeNull();
    expect(sameDaysOfYear(reference, [], 1)).toBeNull();
  });
});
