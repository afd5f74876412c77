import { describe, expect, it } from 'vitest';
import { CronError, checkCron, nextCronTime } from '../../../src/pipelines/scheduling/cron-schedule.ts';

const utc = (iso: string) => new Date(`${iso}Z`);
const next = (expression: string, after: string) => nextCronTime(expression, utc(after)).toISOString();

describe('cron schedule', () => {
  it('finds the next firing of the default schedules, strictly after the given time', () => {
    expect(next('*/15 * * * *', '2025-03-01T10:07:30')).toBe('2025-03-01T10:15:00.000Z');
    expect(next('*/15 * * * *', '2025-03-01T10:15:00')).toBe('2025-03-01T10:30:00.000Z');
    expect(next('5 * * * *', '2025-03-01T10:07:00')).toBe('2025-03-01T11:05:00.000Z');
    expect(next('0 3 * * *', '2025-12-31T04:00:00')).toBe('2026-01-01T03:00:00.000Z');
  });

  it('reads what BullMQ reads: day names and ranges, Sunday as 0 or 7, monthly schedules', () => {
    expect(next('0 6 * * MON-FRI', '2025-03-01T12:00:00')).toBe('2025-03-03T06:00:00.000Z'); // Sat → Mon
    expect(next('0,30 9-17/4 * * 7', '2025-03-01T12:00:00')).toBe('2025-03-02T09:00:00.000Z');
    expect(next('0 4 1 * *', '2025-03-01T05:00:00')).toBe('2025-04-01T04:00:00.000Z');
  });

  it('rejects malformed expressions naming them', () => {
    expect(() => checkCron('61 * * * *')).toThrow(CronError);
    expect(() => checkCron('a * * * *')).toThrow(/cron "a \* \* \* \*"/);
  });
});
