import { describe, expect, it } from 'vitest';
import {
  timeTickLabels,
  zonedClock,
  zonedIso,
  zonedMinute,
  zoneLabel,
} from '../../../src/ui/logic/format.ts';

describe('zonedMinute', () => {
  const ms = Date.UTC(2026, 10, 22, 15, 5);
  it('reads UTC as UTC', () => {
    expect(zonedMinute(ms, 'utc')).toBe('2026-11-22 15:05');
    expect(zoneLabel('utc')).toBe('UTC');
  });
  it('reads local time as the platform does', () => {
    const d = new Date(ms);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(zonedMinute(ms, 'local')).toBe(
      `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`,
    );
  });
});

describe('times in the chosen zone', () => {
  it("reads the API's timestamps and clocks in the zone", () => {
    expect(zonedIso('2026-11-22T15:05:09.123Z', 'utc')).toBe('2026-11-22 15:05');
    expect(zonedIso(null, 'utc')).toBe('—');
    expect(zonedIso('not a time', 'utc')).toBe('—');
    expect(zonedClock(Date.UTC(2026, 10, 22, 15, 5, 9), 'utc')).toBe('15:05:09');
  });

  it('labels chart ticks with ISO-like dates, never US ones', () => {
    const DAY = 86_400_000;
    const at = (d: number, h = 0) => Date.UTC(2025, 10, d, h);
    expect(timeTickLabels([Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)], 366 * DAY, 'utc')).toEqual([
      '2024',
      '2025',
    ]);
    expect(timeTickLabels([Date.UTC(2025, 9, 1), Date.UTC(2025, 10, 1)], 31 * DAY, 'utc')).toEqual([
      '2025-10',
      '2025-11',
    ]);
    expect(timeTickLabels([at(9), at(10)], DAY, 'utc')).toEqual(['2025-11-09', '2025-11-10']);
    // Within a day: the hour, with the day where it changes.
    expect(timeTickLabels([at(9, 12), at(9, 18), at(10, 0)], 6 * 3_600_000, 'utc')).toEqual([
      '11-09 12:00',
      '18:00',
      '11-10 00:00',
    ]);
  });
});
