/** How numbers and times read on screen. Times read in the viewer's own zone or in UTC, as they choose. */
import { OUTCOME_LABELS, type OutcomeClass } from '../../domain/outcome.ts';

export const OUTCOME_TEXT: Readonly<Record<(typeof OUTCOME_LABELS)[number], string>> = {
  home_win: 'Home',
  draw: 'Draw',
  away_win: 'Away',
};

export function outcomeText(outcome: OutcomeClass): string {
  return OUTCOME_TEXT[OUTCOME_LABELS[outcome]];
}

export function pct(p: number | null, digits = 1): string {
  return p === null ? '—' : `${(p * 100).toFixed(digits)}%`;
}

/** A value already in percent (e.g. roi_pct), signed. */
export function signedPct(v: number | null, digits = 1): string {
  if (v === null) return '—';
  return `${v > 0 ? '+' : ''}${v.toFixed(digits)}%`;
}

/** A 95 % interval of a percent figure: `[−4.1%, +8.0%]`, or — when there is none. */
export function pctInterval(ci: readonly [number, number] | null, digits = 1): string {
  return ci === null ? '—' : `[${signedPct(ci[0], digits)}, ${signedPct(ci[1], digits)}]`;
}

/**
 * The colour of a figure with a 95 % interval: green or red only when the interval lies wholly above or below
 * zero. A green +10 % over 30 bets whose interval runs from −40 % to +60 % says nothing a bettor should act on.
 */
export function intervalTone(ci: readonly [number, number] | null): 'gain' | 'loss' | '' {
  return ci === null ? '' : ci[0] > 0 ? 'gain' : ci[1] < 0 ? 'loss' : '';
}

export function signed(v: number, digits = 2): string {
  return `${v > 0 ? '+' : ''}${v.toFixed(digits)}`;
}

export function odd(v: number): string {
  return v.toFixed(2);
}

/** The viewer's own zone (the browser's), or UTC so that everyone sees the same clock. */
export const TIME_ZONES = ['local', 'utc'] as const;
export type TimeZoneChoice = (typeof TIME_ZONES)[number];

/** The IANA name of the browser's zone, e.g. `Europe/Paris`. */
export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** `UTC` or the local zone's name, for column titles and exports. */
export function zoneLabel(tz: TimeZoneChoice): string {
  return tz === 'utc' ? 'UTC' : localZoneName();
}

interface ZonedParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

let localFormat: Intl.DateTimeFormat | null = null;

/** An instant's calendar and clock fields in the chosen zone (one formatter, reused: the list formats thousands of rows). */
function zonedParts(ms: number, tz: TimeZoneChoice): ZonedParts {
  if (tz === 'utc') {
    const iso = new Date(ms).toISOString();
    return {
      year: iso.slice(0, 4),
      month: iso.slice(5, 7),
      day: iso.slice(8, 10),
      hour: iso.slice(11, 13),
      minute: iso.slice(14, 16),
      second: iso.slice(17, 19),
    };
  }
  localFormat ??= new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of localFormat.formatToParts(ms)) part[p.type] = p.value;
  return {
    year: part.year ?? '',
    month: part.month ?? '',
    day: part.day ?? '',
    hour: part.hour ?? '',
    minute: part.minute ?? '',
    second: part.second ?? '',
  };
}

/** `2026-11-22 16:00` in the chosen zone. */
export function zonedMinute(ms: number, tz: TimeZoneChoice): string {
  const p = zonedParts(ms, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2026-11-22 16:00:05` in the chosen zone: where the second matters (an export to check against a kick-off). */
export function zonedSecond(ms: number, tz: TimeZoneChoice): string {
  const p = zonedParts(ms, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `16:00:05` in the chosen zone: the time of day of something that happened within the last day. */
export function zonedClock(ms: number, tz: TimeZoneChoice): string {
  const p = zonedParts(ms, tz);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** An API timestamp (ISO 8601) as `2026-11-22 16:00` in the chosen zone; `—` when absent or unreadable. */
export function zonedIso(iso: string | null | undefined, tz: TimeZoneChoice): string {
  const ms = iso === null || iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? '—' : zonedMinute(ms, tz);
}

const DAY_MS = 86_400_000;

/**
 * The labels of a time axis's ticks, `stepMs` apart, in the chosen zone and in the dates the rest of the
 * dashboard prints: `2025` for yearly ticks, `2025-11` monthly, `2025-11-09` daily, and `15:00` within a day,
 * with the day in front (`11-09 15:00`) on the first tick and wherever the day changes.
 */
export function timeTickLabels(ticksMs: readonly number[], stepMs: number, tz: TimeZoneChoice): string[] {
  let previousDay = '';
  return ticksMs.map((ms) => {
    const p = zonedParts(ms, tz);
    if (stepMs >= 365 * DAY_MS) return p.year;
    if (stepMs >= 28 * DAY_MS) return `${p.year}-${p.month}`;
    if (stepMs >= DAY_MS) return `${p.year}-${p.month}-${p.day}`;
    const day = `${p.month}-${p.day}`;
    const label = day === previousDay ? `${p.hour}:${p.minute}` : `${day} ${p.hour}:${p.minute}`;
    previousDay = day;
    return label;
  });
}

/** A count with thousands separators: `67,530`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A count and its noun, singular for one: `1 prediction`, `12,137 bets`. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${count(n)} ${n === 1 ? singular : plural}`;
}

export function metricValue(v: number | string): string {
  if (typeof v === 'string') return v;
  return Math.abs(v) >= 1000 || Number.isInteger(v) ? String(v) : v.toFixed(4);
}
