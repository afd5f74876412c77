/**
 * Calendar dates, and the one rule for whether a day exists (2024-02-29 does, 2023-02-29 and 2024-02-30 do not),
 * used wherever a date is read: data files, CLI options, API query parameters. `Date.parse` would roll a day that
 * does not exist over into the next month instead of refusing it.
 */
export interface CalendarDate {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
}

/** The date, or null when that day does not exist. */
export function calendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year, month, day } : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is `YYYY-MM-DD` naming a day that exists. */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/** `YYYY-MM-DD`. */
export function isoDate(d: CalendarDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
