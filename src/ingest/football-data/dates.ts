/**
 * Calendar dates and clock times as football-data.co.uk and the FootyStats-derived files write them:
 * `dd/mm/yy` (two-digit years pivot at 50: 93 → 1993, 26 → 2026), `dd/mm/yyyy` and ISO `yyyy-mm-dd`;
 * times `hh:mm` or `hh:mm:ss`.
 */
import { type CalendarDate, calendarDate } from '../../domain/calendar-date.ts';

export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
}

/** Two-digit years at or above this are 19xx, below it 20xx. */
export const TWO_DIGIT_YEAR_PIVOT = 50;

const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Parses any of the three date forms; null when the text is not a real date. */
export function parseMatchDate(text: string): CalendarDate | null {
  const s = text.trim();
  const slashed = SLASHED.exec(s);
  if (slashed) {
    const raw = slashed[3]!;
    let year = Number(raw);
    if (raw.length === 2) year += year >= TWO_DIGIT_YEAR_PIVOT ? 1900 : 2000;
    return calendarDate(year, Number(slashed[2]), Number(slashed[1]));
  }
  const iso = ISO.exec(s);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/** Parses `hh:mm[:ss]`; null when blank or not a clock time. */
export function parseClockTime(text: string | undefined): ClockTime | null {
  const m = CLOCK.exec((text ?? '').trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}
