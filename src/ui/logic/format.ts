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

export function signed(v: number, digits = 2): string {
  return `${v > 0 ? '+' : ''}${v.toFixed(digits)}`;
}

export function odd(v: number): string {
  return v.toFixed(2);
}

/** `2026-11-22 15:00` (UTC). */
export function utcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
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

let localFormat: Intl.DateTimeFormat | null = null;

/** `2026-11-22 16:00` in the chosen zone (one formatter, reused: the list formats thousands of rows). */
export function zonedMinute(ms: number, tz: TimeZoneChoice): string {
  if (tz === 'utc') return utcMinute(ms);
  localFormat ??= new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of localFormat.formatToParts(ms)) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

export function metricValue(v: number | string): string {
  if (typeof v === 'string') return v;
  return Math.abs(v) >= 1000 || Number.isInteger(v) ? String(v) : v.toFixed(4);
}
