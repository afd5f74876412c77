import { describe, expect, it } from 'vitest';
import {
  CronError,
  cronMatches,
  nextCronTime,
  parseCron,
} from '../../../src/pipelines/scheduling/cron-schedule.ts';

const utc = (iso: string) => new Date(`${iso}Z`);

describe('cron schedule', () => {
  it('finds the next firing of the default schedules', () => {
    expect(nextCronTime(parseCron('*/15 * * * *'), utc('2025-03-01T10:07:30')).toISOString()).toBe(
      '2025-03-01T10:15:00.000Z',
    );
    expect(nextCronTime(parseCron('*/15 * * * *'), utc('2025-03-01T10:15:00')).toISOString()).toBe(
      '2025-03-01T10:30:00.000Z',
    );
    expect(nextCronTime(parseCron('5 * * * *'), utc('2025-03-01T10:07:00')).toISOString()).toBe(
      '2025-03-01T11:05:00.000Z',
    );
    expect(nextCronTime(parseCron('0 3 * * *'), utc('2025-12-31T04:00:00')).toISOString()).toBe(
      '2026-01-01T03:00:00.000Z',
    );
  });

  it('reads lists, ranges, steps and Sunday as 0 or 7', () => {
    const s = parseCron('0,30 9-17/4 * * 7');
    expect(cronMatches(s, utc('2025-03-02T13:30:00'))).toBe(true); // a Sunday
    expect(cronMatches(s, utc('2025-03-03T13:30:00'))).toBe(false);
    expect(cronMatches(s, utc('2025-03-02T11:30:00'))).toBe(false);
  });

  it('rejects malformed expressions', () => {
    expect(() => parseCron('* * * *')).toThrow(CronError);
    expect(() => parseCron('61 * * * *')).toThrow(CronError);
    expect(() => parseCron('a * * * *')).toThrow(CronError);
  });
});
