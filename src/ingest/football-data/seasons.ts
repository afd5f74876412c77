/**
 * Season labels of the football-data and FootyStats files: `2024-25` for leagues playing autumn to spring, `2024`
 * for those playing a calendar year, from a file's name, its Season column or its dates.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';

/** `2012/2013` → `2012-13`; `2012` stays. */
export function normaliseSeasonLabel(text: string): string {
  const s = text.trim();
  const m = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(s);
  return m ? `${m[1]}-${m[2]!.slice(-2)}` : s;
}

/** Autumn–spring season of a date: July onwards starts a new one. */
export function autumnSeason(d: CalendarDate): string {
  const start = d.month >= 7 ? d.year : d.year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * Whether a league plays calendar-year seasons (spring to autumn, as in Scandinavia and the USA), judged from its
 * match dates: its break falls in December–January rather than June–July. With no match in either (a short
 * file) it is taken to play autumn–spring, as most leagues do.
 */
export function playsCalendarYears(dates: readonly CalendarDate[]): boolean {
  let winter = 0;
  let summer = 0;
  for (const { month } of dates) {
    if (month === 12 || month === 1) winter++;
    else if (month === 6 || month === 7) summer++;
  }
  return winter < summer;
}

/** A date's season label: its year, or the autumn–spring season it falls in. */
export const seasonOf = (date: CalendarDate, calendarYear: boolean) =>
  calendarYear ? String(date.year) : autumnSeason(date);

/** `E0/2024-25.csv` → `2024-25`; undefined when the name carries no season. */
export function seasonFromPath(path: string): string | undefined {
  const m = /(\d{4})-(\d{2})\.csv$/i.exec(path);
  return m ? `${m[1]}-${m[2]}` : undefined;
}
