import { describe, expect, it } from 'vitest';
import { isoDate } from '../../../../src/domain/calendar-date.ts';
import { parseClockTime, parseMatchDate } from '../../../../src/ingest/football-data/dates.ts';

const iso = (s: string) => {
  const d = parseMatchDate(s);
  return d ? isoDate(d) : null;
};

describe('parseMatchDate', () => {
  it('reads dd/mm/yy with the two-digit year pivot at 50', () => {
    expect(iso('14/08/93')).toBe('1993-08-14');
    expect(iso('01/01/00')).toBe('2000-01-01');
    expect(iso('15/08/26')).toBe('2026-08-15');
    expect(iso('31/12/49')).toBe('2049-12-31');
    expect(iso('01/01/50')).toBe('1950-01-01');
  });

  it('reads dd/mm/yyyy and ISO yyyy-mm-dd', () => {
    expect(iso('15/08/2025')).toBe('2025-08-15');
    expect(iso('5/8/2025')).toBe('2025-08-05');
    expect(iso('2021-05-23')).toBe('2021-05-23');
    expect(iso(' 2021-05-23 19:00:00 ')).toBe('2021-05-23');
  });

  it('rejects impossible and junk dates', () => {
    for (const bad of ['31/02/2020', '00/01/2020', '12/13/20', '#REF!', 'NA', '', '2020-1-5', '15.08.2025']) {
      expect(parseMatchDate(bad), bad).toBeNull();
    }
    expect(iso('29/02/2024')).toBe('2024-02-29');
  });
});

describe('parseClockTime', () => {
  it('reads hh:mm and hh:mm:ss', () => {
    expect(parseClockTime('20:00')).toEqual({ hour: 20, minute: 0 });
    expect(parseClockTime('9:30')).toEqual({ hour: 9, minute: 30 });
    expect(parseClockTime('19:45:00')).toEqual({ hour: 19, minute: 45 });
  });

  it('returns null for blanks and junk', () => {
    expect(parseClockTime(undefined)).toBeNull();
    expect(parseClockTime('')).toBeNull();
    expect(parseClockTime('25:00')).toBeNull();
    expect(parseClockTime('tbc')).toBeNull();
  });
});
