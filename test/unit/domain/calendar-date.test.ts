import { describe, expect, it } from 'vitest';
import { calendarDate, isCalendarDate, isoDate } from '../../../src/domain/calendar-date.ts';

describe('calendar dates', () => {
  it('knows which days exist, leap years included', () => {
    expect(calendarDate(2024, 2, 29)).toEqual({ year: 2024, month: 2, day: 29 });
    for (const [y, m, d] of [
      [2023, 2, 29],
      [1900, 2, 29],
      [2024, 2, 30],
      [2024, 4, 31],
      [2024, 13, 1],
      [2024, 0, 10],
      [2024, 1, 0],
    ] as const)
      expect(calendarDate(y, m, d), `${y}-${m}-${d}`).toBeNull();
    expect(calendarDate(2000, 2, 29)).not.toBeNull();
  });

  it('reads YYYY-MM-DD only when the day exists, and writes it back', () => {
    expect(
      ['2024-02-29', '2024-02-30', '2024-2-01', '2024-02-01T00:00', ' 2024-02-01'].map(isCalendarDate),
    ).toEqual([true, false, false, false, false]);
    expect(isoDate({ year: 2026, month: 3, day: 4 })).toBe('2026-03-04');
  });
});
