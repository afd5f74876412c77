import { describe, expect, it } from 'vitest';
import { localTimeToUtcMs } from '../../../../src/ingest/football-data/time-zone.ts';

const utc = (y: number, mo: number, d: number, h: number, mi: number, zone: string) =>
  new Date(localTimeToUtcMs({ year: y, month: mo, day: d }, { hour: h, minute: mi }, zone)).toISOString();

describe('localTimeToUtcMs', () => {
  it('converts UK local time: GMT in winter, BST in summer', () => {
    expect(utc(2025, 1, 4, 15, 0, 'Europe/London')).toBe('2025-01-04T15:00:00.000Z');
    expect(utc(2025, 8, 15, 20, 0, 'Europe/London')).toBe('2025-08-15T19:00:00.000Z');
  });

  it('switches on the change-over days themselves', () => {
    // 2025: BST from 30 March 01:00 UTC to 26 October 01:00 UTC.
    expect(utc(2025, 3, 29, 15, 0, 'Europe/London')).toBe('2025-03-29T15:00:00.000Z');
    expect(utc(2025, 3, 30, 15, 0, 'Europe/London')).toBe('2025-03-30T14:00:00.000Z');
    expect(utc(2025, 10, 25, 15, 0, 'Europe/London')).toBe('2025-10-25T14:00:00.000Z');
    expect(utc(2025, 10, 26, 15, 0, 'Europe/London')).toBe('2025-10-26T15:00:00.000Z');
  });

  it('knows the older UK rules (1995: BST ended 22 October)', () => {
    expect(utc(1995, 10, 21, 15, 0, 'Europe/London')).toBe('1995-10-21T14:00:00.000Z');
    expect(utc(1995, 10, 28, 15, 0, 'Europe/London')).toBe('1995-10-28T15:00:00.000Z');
  });

  it('handles a fixed offset zone (Etc/GMT+3 is UTC−3)', () => {
    expect(utc(2021, 5, 23, 19, 0, 'Etc/GMT+3')).toBe('2021-05-23T22:00:00.000Z');
    expect(utc(2021, 12, 31, 22, 30, 'Etc/GMT+3')).toBe('2022-01-01T01:30:00.000Z');
  });
});
