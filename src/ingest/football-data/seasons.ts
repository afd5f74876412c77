/**
 * Season labels of the football-data and FootyStats files: `2024-25` for leagues playing autumn to spring, `2024`
 * for those playing a calendar year, from a file's name, its Season column or its dates.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { ParsedMatch } from './parsed-match.ts';

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

/** Whether a label names a calendar-year season (`2024`) rather than an autumn–spring one (`2024-25`). */
export function isCalendarYearLabel(label: string): boolean | undefined {
  if (/^\d{4}$/.test(label)) return true;
  return /^\d{4}-\d{2}$/.test(label) ? false : undefined;
}

/** A league's season style, keyed by leagueKey: true when it plays calendar years. */
export type SeasonStyles = Map<string, boolean>;

export const leagueKey = (regionCode: string, competition: string) => `${regionCode}|${competition}`;

/** The styles of stored leagues, from their latest season labels (loadLatestSeasonLabels). */
export function seasonStylesOf(
  labels: readonly { readonly region_code: string; readonly competition: string; readonly season: string }[],
): SeasonStyles {
  const styles: SeasonStyles = new Map();
  for (const l of labels) noteSeasonStyle(styles, { region: { code: l.region_code }, ...l });
  return styles;
}

/** Notes the style of a match's season in `styles` when it is one of the two. */
export function noteSeasonStyle(
  styles: SeasonStyles,
  m: { readonly region: { readonly code: string }; readonly competition: string; readonly season: string },
): void {
  const calendar = isCalendarYearLabel(m.season);
  if (calendar !== undefined) styles.set(leagueKey(m.region.code, m.competition), calendar);
}

/**
 * `m`, its season labelled when its file named none (new_league_fixtures.csv): its date's season in the style its
 * league's results use (`styles`), the calendar year when they are not known. A fixture of an autumn–spring
 * league labelled with the calendar year would open a season of its own, with an empty league table and no form.
 */
export function inLeagueSeason(m: ParsedMatch, styles: ReadonlyMap<string, boolean>): ParsedMatch {
  const date = m.unnamedSeasonDate;
  if (date === undefined) return m;
  return { ...m, season: seasonOf(date, styles.get(leagueKey(m.region.code, m.competition)) ?? true) };
}
