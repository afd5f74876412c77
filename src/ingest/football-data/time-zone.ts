/**
 * Wall-clock time in an IANA zone → UTC instant, with the zone's offsets taken from the runtime's time-zone
 * database (Intl), so British Summer Time is right for every year back to 1993. Offsets are cached per zone
 * and hour, which keeps a 270k-row import at a few thousand Intl calls.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { ClockTime } from './dates.ts';

/** football-data.co.uk writes UK local times for every league, the "new leagues" included. */
export const FOOTBALL_DATA_TIME_ZONE = 'Europe/London';
/**
 * The FootyStats-derived files give times in an unstated zone; known kick-offs (WSL 12:30 BST written 08:30,
 * NWSL 15:00 PDT written 19:00) fit a fixed UTC−3 offset. `Etc/GMT+3` is UTC−3 (POSIX signs are inverted).
 */
export const FOOTYSTATS_TIME_ZONE = 'Etc/GMT+3';
/** When a file has no Time column (every football-data season before 2019-20): 15:00 local. */
export const DEFAULT_KICKOFF: ClockTime = { hour: 15, minute: 0 };

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at the instant `utcMs`. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const hourStart = Math.floor(utcMs / 3_600_000) * 3_600_000;
  const key = `${zone}|${hourStart}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(hourStart))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  const offset = Math.round((asUtc - hourStart) / 60_000);
  offsetCache.set(key, offset);
  return offset;
}

/**
 * The UTC instant of a local wall-clock time. A wall time that is repeated or skipped by a clock change
 * (01:00–02:00 on two Sundays a year in London) resolves to one of its candidate instants; no match kicks off then.
 */
export function localTimeToUtcMs(date: CalendarDate, time: ClockTime, zone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const first = wall - zoneOffsetMinutes(zone, wall) * 60_000;
  const second = wall - zoneOffsetMinutes(zone, first) * 60_000;
  return Math.min(first, second);
}
