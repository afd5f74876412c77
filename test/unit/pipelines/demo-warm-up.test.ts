import { describe, expect, it } from 'vitest';
import { warmUpDays } from '../../../src/pipelines/run/demo-warm-up.ts';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('warmUpDays', () => {
  it('starts the given weeks before now, then steps every Friday noon before now', () => {
    const now = Date.parse('2026-12-04T04:00:00Z'); // a Friday before noon
    expect(warmUpDays(now, 4).map(iso)).toEqual([
      '2026-11-06T04:00:00.000Z',
      // Not the same Friday's noon: the start has just predicted that weekend.
      '2026-11-13T12:00:00.000Z',
      '2026-11-20T12:00:00.000Z',
      '2026-11-27T12:00:00.000Z',
    ]);
  });

  it('predicts every weekend round the day before it starts, and never steps past now', () => {
    const now = Date.parse('2026-10-14T09:30:00Z'); // a Wednesday
    const days = warmUpDays(now, 3);
    expect(days[0]).toBe(now - 21 * DAY);
    for (const day of days.slice(1)) {
      expect(new Date(day).getUTCDay()).toBe(5);
      expect(day).toBeLessThan(now);
    }
    expect(days).toHaveLength(4);
  });
});
