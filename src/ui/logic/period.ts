/** The Period filter: quick picks relative to now, or a custom range of whole days in the chosen time zone. */
import type { TimeZoneChoice } from './format.ts';

export const PERIOD_PICKS = ['all', 'next7', 'last7', 'last30', 'last365', 'custom'] as const;
export type PeriodPick = (typeof PERIOD_PICKS)[number];

export const PERIOD_LABELS: Readonly<Record<PeriodPick, string>> = {
  all: 'All dates',
  next7: 'Next 7 days',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last365: 'Last 12 months',
  custom: 'Custom range',
};

const DAY_MS = 86_400_000;

export interface Period {
  readonly fromMs: number | null;
  readonly toMs: number | null;
}

/**
 * `YYYY-MM-DD` → that day's midnight in ms (UTC, or the browser's zone), or null for an empty or invalid input.
 * `offsetDays` moves to a later day's midnight, which in the local zone need not be 24 h later (DST).
 */
export function dayStartMs(day: string, tz: TimeZoneChoice = 'utc', offsetDays = 0): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3]) + offsetDays];
  return tz === 'utc' ? Date.UTC(y, mo, d) : new Date(y, mo, d).getTime();
}

/** A custom range whose first day comes after its last: no match can fit it. */
export function isReversedRange(from: string, to: string): boolean {
  return dayStartMs(from) !== null && dayStartMs(to) !== null && from > to;
}

/** The window of a pick; custom uses the two day inputs, `to` inclusive of its whole day. */
export function periodRange(
  pick: PeriodPick,
  nowMs: number,
  customFrom = '',
  customTo = '',
  tz: TimeZoneChoice = 'utc',
): Period {
  switch (pick) {
    case 'all':
      return { fromMs: null, toMs: null };
    case 'next7':
      return { fromMs: nowMs, toMs: nowMs + 7 * DAY_MS };
    case 'last7':
      return { fromMs: nowMs - 7 * DAY_MS, toMs: nowMs };
    case 'last30':
      return { fromMs: nowMs - 30 * DAY_MS, toMs: nowMs };
    case 'last365':
      return { fromMs: nowMs - 365 * DAY_MS, toMs: nowMs };
    case 'custom': {
      return { fromMs: dayStartMs(customFrom, tz), toMs: dayStartMs(customTo, tz, 1) };
    }
  }
}
